#!/usr/bin/env bash
# Debian packages the end-to-end tests drive for real (gpg for signing, the CNCF Distribution
# registry for OCI, python3 and its venv module for pre-commit (scripts/install-pre-commit.sh) and
# its pty module for the tests at a terminal, git
# for version-check, go to fetch the k8s.io/kubernetes modules the embedded Kubernetes schemas are
# re-derived from, xmllint for kubeconform's junit.xsd, openssl and unshare to run Kueue's manager).
# Installs only what is missing.
set -euo pipefail
needed=()
for pair in "gpg:gnupg" "docker-registry:docker-registry" "python3:python3" "git:git" "rsync:rsync" "psql:postgresql-client" "go:golang-go" "xmllint:libxml2-utils" "openssl:openssl" "unshare:util-linux"; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || needed+=("${pair#*:}")
done
# pre-commit is installed from PyPI into a virtual environment (scripts/install-pre-commit.sh).
command -v python3 >/dev/null 2>&1 && ! python3 -c 'import ensurepip, venv' 2>/dev/null && needed+=("python3-venv")
# The migration chart's step scripts are tested against a real PostgreSQL server.
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || needed+=("postgresql")
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install these Debian packages first: ${needed[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
