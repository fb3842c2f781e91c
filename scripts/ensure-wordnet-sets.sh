#!/usr/bin/env bash
# Makes sure the WordNet-derived text pair sets exist in data/wordnet (installs WordNet when missing and builds the
# sets with scripts/build-wordnet-sets.py). The sets are rebuilt when the build script changes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-wordnet.sh
out="${1:-data/wordnet}"
stamp="$out/.built-by"
want="$(sha256sum scripts/build-wordnet-sets.py | cut -d' ' -f1)"
if [ -s "$out/sentence-pairs/test.tsv" ] && [ -s "$out/word-definition/test.tsv" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi
echo "building the WordNet text pair sets in $out (about 40 s)..." >&2
python3 scripts/build-wordnet-sets.py --out "$out" >/dev/null
echo "$want" > "$stamp"
