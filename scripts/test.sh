#!/usr/bin/env bash
# Set up the machine and run every test: the Swift suites (unit, layout, rendering checked with
# pdftotext / zbarimg / qpdf), then the end-to-end test (release server, HTTP only, headless Chromium),
# then schemathesis over the served OpenAPI document.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/test-output.txt
# End to end: the release build over HTTP, real PDF tools, headless Chromium (issue 6).
scripts/e2e.sh
# The API against its own OpenAPI document: schemathesis, every check, signed in as a learner.
scripts/api-fuzz.sh
