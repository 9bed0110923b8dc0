#!/usr/bin/env bash
# Installs the Debian packages Vigie needs when they are missing.
# Usage: scripts/setup.sh [extra-package ...]
# Runs apt-get (as root, or through sudo) only if something is missing.
set -euo pipefail

# chromium and a font: the page of `vigie serve` is tested in headless Chromium.
# libstemmer-dev: the Snowball stemmers of the linguistic layer.
# postgresql: the shared case file's tests run against a private server (scripts/with-postgres.sh).
packages=(liblua5.4-dev libsqlite3-dev libedit-dev libstemmer-dev pkg-config libxml2-utils lua-check chromium fonts-dejavu-core postgresql "$@")
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "setup: missing Debian packages: ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
