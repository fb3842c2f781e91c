#!/usr/bin/env bash
# Installs one Debian package for a data set the project needs, as root or through sudo.
# Usage: install-package.sh PACKAGE WHAT HINT
#   WHAT names the data in messages ("Fashion-MNIST"); HINT says how to do without the package.
set -euo pipefail
package="$1" what="$2" hint="$3"
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "error: $what is missing and installing it needs root: run 'apt-get install $package' as root" >&2
  exit 1
fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo_cmd apt-get install -y -qq --no-install-recommends "$package" >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq --no-install-recommends "$package" >/dev/null || {
    echo "error: could not install $package with apt-get; install it by hand or $hint" >&2
    exit 1
  }
fi
