#!/usr/bin/env bash
# Makes sure a PostgreSQL answers on loopback for the tests that run the service on it (the
# embedded H2 stays the service's default). Follows ../shared/docs/engine-recipe.md.
#   scripts/database.sh up    reuse DAAS_TEST_POSTGRES_URL when set, else install and start Debian's
#                             postgresql and create the role and database daas_test
#   scripts/database.sh env   print the exports the tests read (DAAS_TEST_POSTGRES_URL, _USER, _PASSWORD)
set -euo pipefail

HOST=127.0.0.1
PORT="${DAAS_TEST_POSTGRES_PORT:-5432}"
NAME=daas_test

log() { echo "database.sh: $*" >&2; }

answers() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

as_postgres() { runuser -u postgres -- "$@"; }

up() {
  if [ -n "${DAAS_TEST_POSTGRES_URL:-}" ]; then
    return 0
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "a private PostgreSQL needs root on Debian: run as root, or set DAAS_TEST_POSTGRES_URL (and _USER, _PASSWORD) to a database the tests may empty"
    exit 1
  fi
  if ! command -v pg_lsclusters >/dev/null || ! dpkg -s postgresql >/dev/null 2>&1; then
    log "installing postgresql"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  if ! answers; then
    read -r version cluster _ < <(pg_lsclusters -h | head -1) || true
    if [ -z "${version:-}" ]; then
      version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
      cluster=main
      pg_createcluster "$version" "$cluster" >/dev/null
    fi
    log "starting PostgreSQL $version/$cluster on $HOST:$PORT"
    pg_ctlcluster "$version" "$cluster" start
    for _ in $(seq 1 30); do answers && break; sleep 1; done
    answers || { log "PostgreSQL did not start"; exit 1; }
  fi
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$NAME'")" != 1 ]; then
    as_postgres psql -qc "CREATE ROLE $NAME LOGIN PASSWORD '$NAME'"
  fi
  if [ "$(as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" != 1 ]; then
    as_postgres psql -qc "CREATE DATABASE $NAME OWNER $NAME"
  fi
}

case "${1:-up}" in
  up) up ;;
  env)
    if [ -n "${DAAS_TEST_POSTGRES_URL:-}" ]; then
      echo "export DAAS_TEST_POSTGRES_URL='$DAAS_TEST_POSTGRES_URL'"
      echo "export DAAS_TEST_POSTGRES_USER='${DAAS_TEST_POSTGRES_USER:-}'"
      echo "export DAAS_TEST_POSTGRES_PASSWORD='${DAAS_TEST_POSTGRES_PASSWORD:-}'"
    else
      echo "export DAAS_TEST_POSTGRES_URL='jdbc:postgresql://$HOST:$PORT/$NAME'"
      echo "export DAAS_TEST_POSTGRES_USER='$NAME'"
      echo "export DAAS_TEST_POSTGRES_PASSWORD='$NAME'"
    fi
    ;;
  *) echo "usage: scripts/database.sh up|env" >&2; exit 2 ;;
esac
