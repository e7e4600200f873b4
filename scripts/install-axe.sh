#!/usr/bin/env bash
# axe-core (npm package, MPL-2.0) for the accessibility test (tests/browser/test_pho.py): the
# browser test injects axe.min.js into every page with Playwright. Pinned; installed into
# .axe/ of the repo (git-ignored), so nothing global changes and a clean machine gets it too.
set -euo pipefail
VERSIE="4.14.1"
DOEL="$(cd "$(dirname "$0")/.." && pwd)/.axe"
if [ -f "$DOEL/node_modules/axe-core/axe.min.js" ] \
  && grep -q "\"version\": \"$VERSIE\"" "$DOEL/node_modules/axe-core/package.json"; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm >/dev/null
fi
mkdir -p "$DOEL"
npm install --silent --no-audit --no-fund --no-save --prefix "$DOEL" "axe-core@$VERSIE" >/dev/null
test -f "$DOEL/node_modules/axe-core/axe.min.js"
echo "$DOEL/node_modules/axe-core/axe.min.js"
