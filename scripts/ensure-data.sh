#!/usr/bin/env bash
# Makes sure Fashion-MNIST (Debian package dataset-fashion-mnist) is present; installs it when missing.
set -euo pipefail
dir="${SIAMESE_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
if [ -f "$dir/train-images-idx3-ubyte.gz" ] && [ -f "$dir/t10k-labels-idx1-ubyte.gz" ]; then
  exit 0
fi
echo "Fashion-MNIST not found in $dir; installing the Debian package dataset-fashion-mnist..." >&2
bash "$(dirname "$0")/install-package.sh" dataset-fashion-mnist Fashion-MNIST \
  "set SIAMESE_FASHION_MNIST to a folder with the four gzipped IDX files"
[ -f "$dir/train-images-idx3-ubyte.gz" ] || { echo "error: dataset-fashion-mnist installed but $dir has no train-images-idx3-ubyte.gz" >&2; exit 1; }
