#!/usr/bin/env bash
# Debian's LibreOffice Calc, only to regenerate the test workbooks (tests/fixtures/spreadsheets/
# maak.py). `make test` does not need it: the generated .xlsx files are committed.
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-calc-nogui python3-uno >/dev/null
command -v soffice
