#!/usr/bin/env bash
# "Are more branches better?" Builds the experiments program and trains each structure (pair, triplet and
# quadruplet with and without mining, N-pair) with the same encoder, batch size and number of steps over
# several seeds on Fashion-MNIST, then prints a Markdown table of mean ± std of 1-NN accuracy, MAP@R, AUC
# and training time. Every option is passed on to the program (see BranchesExperiment.cs), e.g.
#   bash benchmarks/run-branches-experiment.sh --seeds 1,2,3 --steps 900
#   bash benchmarks/run-branches-experiment.sh --structures pair,npair --seeds 1
# Results go to artifacts/experiments/<timestamp>/ (runs.tsv, one line per run as it finishes; table.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-data.sh
dotnet build benchmarks/Siamese.Experiments -c Release -nologo -v quiet
out="artifacts/experiments/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
dotnet benchmarks/Siamese.Experiments/bin/Release/net10.0/linux-x64/Siamese.Experiments.dll branches \
  --results "$out/runs.tsv" --table "$out/table.md" "$@" | tee "$out/log.txt"
echo "results in $out"
