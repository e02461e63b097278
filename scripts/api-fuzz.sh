#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI document with schemathesis (every check), signed in as a
# demo learner: no 5xx, every status and body documented, valid requests accepted, invalid ones
# refused, 405 with Allow for methods a path does not serve. Run by scripts/test.sh.
# Usage: scripts/api-fuzz.sh [path/to/creditbank]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-$PWD/.build/release/creditbank}"
work="$(mktemp -d /tmp/creditbank-fuzz-XXXXXX)"
port="${FUZZ_PORT:-$((20000 + RANDOM % 20000))}"
base="http://127.0.0.1:$port"
"$bin" demo --db "$work/bank.sqlite" --base-url "$base" >/dev/null
"$bin" serve --db "$work/bank.sqlite" --port "$port" --base-url "$base" --rate-limit 0 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
token=$(curl -fs "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"login": "13800138000", "password": "Learner2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
echo "api-fuzz: schemathesis against $base, signed in as the demo learner"
status=0
st --config-file scripts/schemathesis.toml run "$base/api/v1/openapi.yaml" --checks all \
  -H "Authorization: Bearer $token" --max-examples "${FUZZ_EXAMPLES:-25}" --seed "${FUZZ_SEED:-20261202}" \
  --continue-on-failure --no-color >"$work/report.txt" 2>&1 || status=$?
sed -n '/SUMMARY/,$p' "$work/report.txt"
if [ "$status" -ne 0 ]; then
  cat "$work/report.txt"
  echo "api-fuzz FAIL: schemathesis exit $status" >&2
  exit 1
fi
if grep -q " 500 \|Internal Server Error" "$work/report.txt"; then echo "api-fuzz FAIL: a 5xx answer" >&2; exit 1; fi
echo "api-fuzz: no failure"
