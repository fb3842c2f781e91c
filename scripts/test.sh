#!/usr/bin/env bash
# Runs the whole test suite: restores, builds, gets the data the end-to-end tests need, runs xunit,
# and ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-data.sh || exit 1
bash scripts/ensure-wordnet-sets.sh || exit 1
log=$(mktemp)
dotnet test Siamese.slnx -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then echo "error: dotnet test exited with $status" >&2; fi
exit "$status"
