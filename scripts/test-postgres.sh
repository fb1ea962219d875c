#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the tests and prints its URL.
#   eval "$(bash scripts/test-postgres.sh)"   # sets TEST_POSTGRES_URL and TEST_POSTGRES_DIR
# Installs Debian's postgresql when missing and running as root (CI).
# Stop it with: bash scripts/test-postgres.sh stop
set -euo pipefail
PORT="${TEST_POSTGRES_PORT:-54329}"
DIR="${TEST_POSTGRES_DIR:-/tmp/hys-test-postgres}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-}" = "stop" ]; then
  BIN="$(find_bin)"
  [ -n "$BIN" ] && [ -d "$DIR" ] && as_postgres "$BIN/pg_ctl" -D "$DIR" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
  exit 0
fi

BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's postgresql for the tests" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >/dev/null
    BIN="$(find_bin)"
  fi
fi
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

# A fresh data directory each time: nothing carries over between runs.
as_postgres "$BIN/pg_ctl" -D "$DIR" -m immediate stop >/dev/null 2>&1 || true
rm -rf "$DIR"
mkdir -p "$DIR"
[ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
as_postgres "$BIN/initdb" -D "$DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" start >/dev/null
echo "export TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
echo "export TEST_POSTGRES_DIR=$DIR"
