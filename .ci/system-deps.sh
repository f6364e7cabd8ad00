#!/usr/bin/env bash
# Install the system packages khabar's tests need and a fresh machine lacks (Debian's names):
# chromium for the browser tests, Java for the Spark job. `make test` and .ci/run call it; it does nothing when all are there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium fonts-dejavu-core)
# Java for the Spark job (khabar spark-extract; pyspark comes with the dev extra)
{ [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; } || command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
# PostgreSQL's server programs for the store's tests on PostgreSQL (tests/pgserver.py starts one)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "khabar: the tests need ${need[*]}; install them with your package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "khabar: the tests need ${need[*]}: run 'sudo apt-get install ${need[*]}' once" >&2
    exit 1
  fi
fi
echo "khabar: installing ${need[*]} (apt-get) for the tests" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}" >/dev/null
