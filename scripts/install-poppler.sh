#!/usr/bin/env bash
# Debian's poppler-utils for the board report test: pdftotext (the PDF's text) and pdftoppm
# (its pages as PNG, kept in tests/artifacts/ with the browser screenshots).
set -euo pipefail
if command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
command -v pdftotext pdftoppm
