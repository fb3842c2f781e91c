#!/usr/bin/env bash
# Makes sure Fashion-MNIST (Debian package dataset-fashion-mnist) is present; installs it when missing.
set -euo pipefail
dir="${SIAMESE_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
if [ -f "$dir/train-images-idx3-ubyte.gz" ] && [ -f "$dir/t10k-labels-idx1-ubyte.gz" ]; then
  exit 0
fi
echo "Fashion-MNIST not found in $dir; installing the Debian package dataset-fashion-mnist..." >&2
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "error: Fashion-MNIST is missing and installing it needs root: run 'apt-get install dataset-fashion-mnist' as root" >&2
  exit 1
fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo_cmd apt-get install -y -qq dataset-fashion-mnist >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq dataset-fashion-mnist >/dev/null || {
    echo "error: could not install dataset-fashion-mnist with apt-get; install it by hand or set SIAMESE_FASHION_MNIST to a folder with the four gzipped IDX files" >&2
    exit 1
  }
fi
[ -f "$dir/train-images-idx3-ubyte.gz" ] || { echo "error: dataset-fashion-mnist installed but $dir has no train-images-idx3-ubyte.gz" >&2; exit 1; }
