#!/usr/bin/env bash
# The uncached verification look-up, one thread, over a registry of REGISTRY documents (issue 18):
#   1. SQLite alone (scripts/lookup-floor.c): the query prepared once, stepped through SQLite's C
#      functions — the floor any look-up through SQLite pays on this machine;
#   2. the store's look-up (`registryRecord` through `AppDatabase.lookup`) and the service's
#      `verify` of uncached codes (read, cache, count, log): `creditbank bench-store --only lookups`.
# Each on its own copy of the registry (built once by scripts/bench-registry.sh), codes in random order.
# Usage: scripts/bench-lookups.sh [REGISTRY, default 200000]
set -euo pipefail
cd "$(dirname "$0")/.."
REGISTRY="${1:-200000}"
command -v cc >/dev/null || { sudo -n true 2>/dev/null && SUDO=sudo || SUDO=; $SUDO apt-get update -qq && $SUDO apt-get install -y -qq gcc; }
scripts/setup.sh >/dev/null
swift build -c release >/dev/null
REGISTRY_DIR="$(scripts/bench-registry.sh "$REGISTRY")"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cc -O2 -o "$WORK/lookup-floor" scripts/lookup-floor.c -lsqlite3
cp "$REGISTRY_DIR/bank.sqlite" "$WORK/floor.sqlite"
"$WORK/lookup-floor" "$WORK/floor.sqlite" "$REGISTRY_DIR/codes.txt" 200000
cp "$REGISTRY_DIR/bank.sqlite" "$WORK/store.sqlite"
.build/release/creditbank bench-store --only lookups --registry "$WORK/store.sqlite" --codes-file "$REGISTRY_DIR/codes.txt"
