#!/usr/bin/env bash
# Set up the machine and run every test: the Swift suites (unit, layout, rendering checked with
# pdftotext / zbarimg / qpdf; the storage contract suite on SQLite and on a throwaway PostgreSQL
# server), then the end-to-end test (release server, HTTP only, headless Chromium), two nodes on
# PostgreSQL behind nginx, then schemathesis over the served OpenAPI document.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
# A PostgreSQL server for the contract suite: initdb in a temporary folder, loopback port, stopped after.
PG_DIR="$(mktemp -d /tmp/creditbank-test-pg.XXXXXX)"
chmod 755 "$PG_DIR"
trap 'scripts/postgres.sh stop "$PG_DIR/server"' EXIT
CREDITBANK_TEST_POSTGRES="$(scripts/postgres.sh start "$PG_DIR/server" "${TEST_PG_PORT:-55433}")"
export CREDITBANK_TEST_POSTGRES
swift test --skip-build 2>&1 | tee .build/test-output.txt
# End to end: the release build over HTTP, real PDF tools, headless Chromium (issue 6).
scripts/e2e.sh
# Two nodes on PostgreSQL behind nginx, and a SQLite bank migrated to PostgreSQL (issue 17).
scripts/two-nodes.sh .build/release/creditbank
# The API against its own OpenAPI document: schemathesis, every check, signed in as a learner.
scripts/api-fuzz.sh
