#!/usr/bin/env bash
# pre-commit entry point for the hooks in .pre-commit-hooks.yaml.
#   chartforge-hook.sh lint [chartforge lint options] FILE…   lint the charts the files belong to
#   chartforge-hook.sh values-check --chart DIR [options] FILE…   check values files, each alone
#   chartforge-hook.sh version-check [options]              version bumps since --base
# chartforge is $CHARTFORGE (a command, or a path to bin/chartforge.js), else `chartforge` on PATH.
set -euo pipefail

chartforge_cmd() {
  if [ -n "${CHARTFORGE:-}" ]; then
    case "$CHARTFORGE" in
      *.js) node "$CHARTFORGE" "$@" ;;
      *) "$CHARTFORGE" "$@" ;;
    esac
  elif command -v chartforge >/dev/null 2>&1; then
    chartforge "$@"
  else
    echo "chartforge pre-commit hook: chartforge not found: put it on PATH or set CHARTFORGE to its path" >&2
    return 2
  fi
}

# The outermost folder with a Chart.yaml that holds FILE (empty when none does).
chart_of() {
  local dir chart=""
  dir=$(dirname "$1")
  while [ "$dir" != "." ] && [ "$dir" != "/" ]; do
    [ -f "$dir/Chart.yaml" ] && chart="$dir"
    dir=$(dirname "$dir")
  done
  [ -f "./Chart.yaml" ] && [ -z "$chart" ] && chart="."
  printf '%s' "$chart"
}

mode="${1:-}"
shift || true
case "$mode" in
  lint)
    options=()
    charts=()
    while [ $# -gt 0 ]; do
      case "$1" in
        -f | --values | --helm | --kubernetes-version | --schema-location | --crd | -o | --output | --sarif-file | --config | --rules | --disable | --pss | --upgrade-to)
          options+=("$1" "${2:-}")
          shift 2 || shift
          ;;
        -*) options+=("$1"); shift ;;
        *)
          chart=$(chart_of "$1")
          if [ -n "$chart" ] && [[ " ${charts[*]-} " != *" $chart "* ]]; then charts+=("$chart"); fi
          shift
          ;;
      esac
    done
    [ ${#charts[@]} -eq 0 ] && exit 0
    chartforge_cmd lint "${charts[@]}" ${options[@]+"${options[@]}"}
    ;;
  values-check)
    chartforge_cmd values check --each "$@"
    ;;
  version-check)
    chartforge_cmd version-check "$@"
    ;;
  *)
    echo "usage: chartforge-hook.sh lint|values-check|version-check [options] [files]" >&2
    exit 2
    ;;
esac
