#!/usr/bin/env bash
# Makes sure the WordNet 3.0 database (Debian package wordnet-base) is present; installs it when missing.
# The database lands in /usr/share/wordnet (data.noun, data.verb, data.adj, data.adv, index.*).
set -euo pipefail
dir="${SIAMESE_WORDNET:-/usr/share/wordnet}"
have_all() {
  local f
  for f in data.noun data.verb data.adj data.adv index.noun index.verb index.adj index.adv; do
    [ -s "$dir/$f" ] || return 1
  done
}
if have_all; then
  exit 0
fi
echo "WordNet not found in $dir; installing the Debian package wordnet-base..." >&2
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "error: WordNet is missing and installing it needs root: run 'apt-get install wordnet-base' as root" >&2
  exit 1
fi
sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo_cmd apt-get install -y -qq --no-install-recommends wordnet-base >/dev/null 2>&1; then
  $sudo_cmd apt-get update -qq >/dev/null
  $sudo_cmd apt-get install -y -qq --no-install-recommends wordnet-base >/dev/null || {
    echo "error: could not install wordnet-base with apt-get; install it by hand or set SIAMESE_WORDNET to a folder with the WordNet 3.0 data.* and index.* files" >&2
    exit 1
  }
fi
have_all || { echo "error: wordnet-base installed but $dir lacks some of data.{noun,verb,adj,adv} / index.{noun,verb,adj,adv}" >&2; exit 1; }
