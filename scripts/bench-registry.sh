#!/usr/bin/env bash
# The benchmarks' registry (issue 18): the demo bank plus COUNT registry rows written directly by
# `seed-registry` (the look-up is what is measured, not issuing), made once and reused; prints its
# folder (bank.sqlite, seal/, codes.txt — one code per line). Needs the release build.
# Usage: scripts/bench-registry.sh [COUNT, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-200000}"
BIN=.build/release/creditbank
REGISTRY_DIR="${BENCH_REGISTRY_DIR:-/tmp/creditbank-bench-registry-$COUNT}"
if [ ! -f "$REGISTRY_DIR/codes.txt" ]; then
    rm -rf "$REGISTRY_DIR"; mkdir -p "$REGISTRY_DIR"
    "$BIN" demo --db "$REGISTRY_DIR/bank.sqlite" >/dev/null
    "$BIN" seed-registry --db "$REGISTRY_DIR/bank.sqlite" --count "$COUNT" --codes "$REGISTRY_DIR/codes.tmp" >&2
    mv "$REGISTRY_DIR/codes.tmp" "$REGISTRY_DIR/codes.txt"
fi
echo "$REGISTRY_DIR"
