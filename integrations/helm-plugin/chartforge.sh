#!/usr/bin/env sh
# `helm chartforge …` runs chartforge with the same arguments; `lint` renders with the helm that
# runs this plugin: Helm exports $HELM_BIN to its plugins, and chartforge uses it unless --helm is given.
#
# chartforge is found as: $CHARTFORGE (a command, or a path to bin/chartforge.js), else
# `chartforge` on PATH, else the checkout this plugin was installed from
# (`helm plugin install <checkout>/integrations/helm-plugin`, after `npx -y pnpm@10 install`).
set -u

plugin_dir=$(cd "$(dirname "$0")" && pwd -P)
checkout_cli="$plugin_dir/../../packages/cli/bin/chartforge.js"

chartforge_cmd() {
  if [ -n "${CHARTFORGE:-}" ]; then
    case "$CHARTFORGE" in
      *.js) node "$CHARTFORGE" "$@" ;;
      *) "$CHARTFORGE" "$@" ;;
    esac
  elif command -v chartforge >/dev/null 2>&1; then
    chartforge "$@"
  elif [ -f "$checkout_cli" ] && [ -f "$plugin_dir/../../packages/cli/dist/bundle/index.js" ]; then
    node "$checkout_cli" "$@"
  else
    echo "helm chartforge: chartforge not found: put it on PATH or set CHARTFORGE to its path" >&2
    return 2
  fi
}

chartforge_cmd "$@"
exit $?
