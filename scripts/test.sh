#!/usr/bin/env bash
# Set up the machine and run every test: the Swift suites (unit, layout, rendering checked with
# pdftotext / zbarimg / qpdf).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
