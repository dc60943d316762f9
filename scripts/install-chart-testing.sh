#!/usr/bin/env bash
# chart-testing (`ct`) at a pinned version, outside the repository
# (${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/chartforge}/tools/chart-testing-<version>):
# ct itself, built with Go from its module; the configuration it ships (etc/chart_schema.yaml,
# etc/lintconf.yaml); and the yamllint and yamale it runs, from PyPI in a virtual environment.
# `go install …/ct@<version>` is refused where the module proxy does not serve the module's
# version list (go install looks up deprecations in it), so the module is downloaded at its
# version and built in place. Installs only when missing.
set -euo pipefail
version=v3.14.0
yamllint=1.38.0
yamale=6.1.0
cache="${CHARTFORGE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/chartforge}"
dir="$cache/tools/chart-testing-$version"
[ -f "$dir/.installed" ] && exit 0
rm -rf "$dir"
mkdir -p "$dir/etc"
module=$(go mod download -json "github.com/helm/chart-testing/v3@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
(cd "$module" && go build -o "$dir/ct" ./ct)
cp "$module/etc/chart_schema.yaml" "$module/etc/lintconf.yaml" "$dir/etc/"
# A virtual environment records its own path, so it is built in place; the marker says it finished.
python3 -m venv "$dir/venv"
"$dir/venv/bin/pip" install --quiet --disable-pip-version-check "yamllint==$yamllint" "yamale==$yamale"
touch "$dir/.installed"
