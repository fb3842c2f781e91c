#!/usr/bin/env bash
# One-shot recognition of unseen classes (issue 4). Builds the experiments program, trains each structure on
# Fashion-MNIST classes 0-5 only and measures 4-way 1-shot accuracy on the test images of classes 6-9 over 2,000
# seeded episodes, with the embedding taken from the projection, the hidden layer and the convolutional features,
# plus open-set identification at a 1% false-accept rate. Every option is passed on (see OneShotExperiment.cs), e.g.
#   bash benchmarks/run-oneshot-experiment.sh --structures npair --steps 2000 --augment true --rotate-classes true
#   bash benchmarks/run-oneshot-experiment.sh --structures npair,prototypical,koch --steps 1000
# Results go to artifacts/experiments/oneshot-<timestamp>/ (runs.tsv, one line per run as it finishes; log.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-data.sh
dotnet build benchmarks/Siamese.Experiments -c Release -nologo -v quiet
out="artifacts/experiments/oneshot-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
dotnet benchmarks/Siamese.Experiments/bin/Release/net10.0/linux-x64/Siamese.Experiments.dll oneshot \
  --results "$out/runs.tsv" "$@" | tee "$out/log.txt"
echo "results in $out"
