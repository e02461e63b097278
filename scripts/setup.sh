#!/usr/bin/env bash
# Set up a fresh Debian 12 machine for building, running and testing the service:
# Debian packages (when missing), fonttools, and the prepared fonts in Fonts/. PostgreSQL and nginx
# are installed for the tests and several-node deployments; the Debian service they install is not
# used (scripts/postgres.sh runs a throwaway server of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libcairo2-dev libpango1.0-dev libqrencode-dev libsqlite3-dev fonts-noto-cjk fonts-hanazono fonts-babelstone-han
          poppler-utils zbar-tools qpdf unzip chromium python3-pip sqlite3 libnss3-tools openssl
          libpq-dev postgresql postgresql-contrib nginx)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c 'import fontTools' 2>/dev/null; then
  echo "setup: installing fonttools (PyPI)"
  python3 -m pip install -q fonttools 2>/dev/null || python3 -m pip install -q --break-system-packages fonttools
fi

# Test tools from PyPI: schemathesis (the API fuzz test), Playwright and axe-core (the browser test;
# Playwright drives Debian's chromium, so no browser is downloaded).
if ! command -v st >/dev/null 2>&1 || ! python3 -c 'import schemathesis, playwright, axe_playwright_python' 2>/dev/null; then
  echo "setup: installing schemathesis, playwright and axe-playwright-python (PyPI), for the tests"
  python3 -m pip install -q schemathesis playwright axe-playwright-python 2>/dev/null \
    || python3 -m pip install -q --break-system-packages schemathesis playwright axe-playwright-python
fi

# pyHanko (PyPI): the second, independent PAdES validator of the seal test (scripts/pades_check.py).
if ! python3 -c 'import pyhanko, pyhanko_certvalidator' 2>/dev/null; then
  echo "setup: installing pyHanko (PyPI), for the seal test"
  python3 -m pip install -q pyhanko 2>/dev/null || python3 -m pip install -q --break-system-packages pyhanko
fi

python3 scripts/prepare-fonts.py Fonts
echo "setup: ready"
