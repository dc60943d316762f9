#!/usr/bin/env bash
# pre-commit from PyPI at a pinned version, in a virtual environment outside the repository
# (${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/tools/pre-commit-<version>): the
# hook tests run it as users do. Debian's pre-commit (3.0) predates the stage names the hooks use
# (`pre-push`: pre-commit 3.2 and later). Installs only when missing.
set -euo pipefail
version=4.7.0
cache="${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/chartforge}"
dir="$cache/tools/pre-commit-$version"
# A virtual environment records its own path, so it is built in place; the marker says it finished.
[ -f "$dir/.installed" ] && exit 0
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
python3 -m venv "$dir"
"$dir/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$version"
touch "$dir/.installed"
