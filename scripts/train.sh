#!/usr/bin/env bash
# The main job: restores and builds, gets Fashion-MNIST, trains a twin network with the default
# recipe, calibrates its threshold, evaluates it on the test set, saves the model and prints the
# metrics. Extra arguments go to 'siamese train' (e.g. --force to replace an existing model).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-data.sh
dotnet build Siamese.slnx -c Release --nologo -v q -clp:ErrorsOnly
./siamese train --output models/fashion-mnist.siamese --report reports/fashion-mnist "$@"
