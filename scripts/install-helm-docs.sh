#!/usr/bin/env bash
# helm-docs at a pinned version, built with Go into a directory outside the repository
# (${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/tools/helm-docs-<version>): the
# README test runs it on every generated chart and expects README.md unchanged. Installs only
# when missing.
set -euo pipefail
version=v1.14.2
cache="${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/chartforge}"
dir="$cache/tools/helm-docs-$version"
[ -f "$dir/.installed" ] && exit 0
rm -rf "$dir"
mkdir -p "$dir"
GOBIN="$dir" go install "github.com/norwoodj/helm-docs/cmd/helm-docs@$version"
touch "$dir/.installed"
