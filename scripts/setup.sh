#!/usr/bin/env bash
# Set-up and main job on a fresh machine: system packages the end-to-end tests use, the tools
# they run at pinned versions (pre-commit, helm-docs, chart-testing), the workspace dependencies
# (whose postinstall extracts helm 3 and 4 and builds every package), then the main job: generate
# the charts and check them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh
bash scripts/install-pre-commit.sh
bash scripts/install-helm-docs.sh
bash scripts/install-chart-testing.sh
npx -y pnpm@10 install --frozen-lockfile
npx -y pnpm@10 run all
