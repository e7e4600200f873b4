#!/usr/bin/env bash
# Debian's PostgreSQL server for the server-class warehouse test (tests/postgres): the test
# initialises and starts a throw-away cluster itself (initdb + pg_ctl on loopback), so only the
# binaries are needed. Debian keeps them off PATH in /usr/lib/postgresql/<version>/bin.
set -euo pipefail
have_server() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    bindir="$(pg_config --bindir)"
    if [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ]; then return 0; fi
  fi
  for bindir in /usr/lib/postgresql/*/bin; do
    if [ -x "$bindir/initdb" ] && [ -x "$bindir/pg_ctl" ]; then return 0; fi
  done
  return 1
}
if have_server; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
# The package's own cluster (main) is not used; the test runs its own on a free port.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
have_server
