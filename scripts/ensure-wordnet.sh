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
bash "$(dirname "$0")/install-package.sh" wordnet-base WordNet \
  "set SIAMESE_WORDNET to a folder with the WordNet 3.0 data.* and index.* files"
have_all || { echo "error: wordnet-base installed but $dir lacks some of data.{noun,verb,adj,adv} / index.{noun,verb,adj,adv}" >&2; exit 1; }
