#!/usr/bin/env bash
# Makes sure a PostgreSQL server binary is installed: the persistence tests start a throwaway
# cluster of their own (tests/harness/postgres.ts). Installs Debian's `postgresql` package when no
# server is found; does nothing otherwise. Safe to run any number of times.
set -euo pipefail

find_server() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)
  echo "${found:-$(command -v postgres || true)}"
}

server=$(find_server)
if [ -n "$server" ]; then
  echo "ensure-postgres: PostgreSQL server found at $server; nothing to do"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "ensure-postgres: no PostgreSQL server found; installing Debian's postgresql package"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends postgresql
server=$(find_server)
if [ -z "$server" ]; then
  echo "ensure-postgres: postgresql installed, but no server binary found" >&2
  exit 1
fi
echo "ensure-postgres: installed $server"
