#!/usr/bin/env bash
# Runs before `npm test` (the `pretest` script): everything the tests need on a fresh machine of this
# kind (Debian, PostgreSQL 15 installed), set up when it is missing, or a stop at once with the command
# that would set it up.
set -euo pipefail

# The PostgreSQL server the tests use; started when it is installed here and down.
if [ -z "${TEST_DATABASE_URL:-}" ] && command -v pg_isready >/dev/null; then
  if ! pg_isready -h 127.0.0.1 -p 5432 -q && command -v pg_ctlcluster >/dev/null; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  pg_isready -h 127.0.0.1 -p 5432 -q || {
    echo "test set-up: PostgreSQL at 127.0.0.1:5432 is unreachable; start it, or set TEST_DATABASE_URL" >&2
    exit 1
  }
fi

# Every suite creates a schema of some forty tables and drops it: on a server with autovacuum off (as
# this machine's is), the system catalogs fill with dead rows run after run (pg_attribute had grown to
# 124 MB over a day's runs, 1 MB once cleared), and every schema change and lookup slows. The server
# of the tests (CI's TEST_DATABASE_URL too) is cleared first: rewritten when no session holds the
# catalogs (under a second), else vacuumed in place.
if command -v psql >/dev/null; then
  url="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
  catalogs='pg_catalog.pg_attribute, pg_catalog.pg_class, pg_catalog.pg_depend, pg_catalog.pg_type, pg_catalog.pg_index, pg_catalog.pg_constraint, pg_catalog.pg_attrdef, pg_catalog.pg_namespace, pg_catalog.pg_proc'
  psql "$url" -qX -c "SET lock_timeout = '3s'" -c "VACUUM FULL $catalogs" >/dev/null 2>&1 ||
    psql "$url" -qX -c "VACUUM $catalogs" >/dev/null 2>&1 ||
    echo "test set-up: could not vacuum the system catalogs (not a superuser?); the tests run all the same" >&2
fi

# Debian's headless Chromium for the console's browser tests (never a browser a tool downloads) and
# the Korean fonts its screenshots need.
missing=()
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium-headless-shell >/dev/null || missing+=(chromium-headless-shell)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "test set-up: installing ${missing[*]}" >&2
    apt-get install -y "${missing[@]}" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "${missing[@]}" >/dev/null; }
  else
    echo "test set-up: the browser tests need ${missing[*]}: run \`sudo apt-get install -y ${missing[*]}\` (or set CHROMIUM_PATH)" >&2
    exit 1
  fi
fi
