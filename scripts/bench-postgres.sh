#!/usr/bin/env bash
# PostgreSQL beside SQLite on this machine, in one run (issue 17; BENCHMARKS.md):
#   1. verification by code over a registry of 200,000 documents (random codes, and one hot code):
#      one SQLite node, one PostgreSQL node, two PostgreSQL nodes behind nginx — wrk, req/s, p50/p99;
#   2. final approvals with certificate issue per second: SQLite, PostgreSQL with one node, and two
#      nodes (two processes approving at once on one server);
#   3. catalog substring search p95 over CATALOG entries on PostgreSQL (and on SQLite).
# PostgreSQL runs with its durable defaults (fsync on, synchronous_commit on) from scripts/postgres.sh.
# Usage: scripts/bench-postgres.sh [SECONDS per wrk run, default 10]   (BENCH_SKIP_SEARCH=1: stop before the search)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
CATALOG="${BENCH_CATALOG:-1000000}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
scripts/setup.sh >/dev/null
swift build -c release >/dev/null
BIN="$PWD/.build/release/creditbank"
WORK="$(mktemp -d /tmp/creditbank-bench-pg.XXXXXX)"
chmod 755 "$WORK"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/pg" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
URL="$(scripts/postgres.sh start "$WORK/pg" 55450)"
BASE="${URL%/*}"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
createdb() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p 55450 -U creditbank "$1"; else "$PGBIN/createdb" -h 127.0.0.1 -p 55450 -U creditbank "$1"; fi; }

# The registry of bench-http.sh (demo bank + 200,000 copied registry rows), made once, moved to PostgreSQL.
REGISTRY_DIR="${BENCH_REGISTRY_DIR:-/tmp/creditbank-bench-registry-200000}"
if [ ! -f "$REGISTRY_DIR/codes.txt" ]; then
    rm -rf "$REGISTRY_DIR"; mkdir -p "$REGISTRY_DIR"
    "$BIN" demo --db "$REGISTRY_DIR/bank.sqlite" >/dev/null
    "$BIN" seed-registry --db "$REGISTRY_DIR/bank.sqlite" --count 200000 --codes "$REGISTRY_DIR/codes.tmp"
    mv "$REGISTRY_DIR/codes.tmp" "$REGISTRY_DIR/codes.txt"
fi
mkdir -p "$WORK/sqlite" "$WORK/shared"
cp "$REGISTRY_DIR/bank.sqlite" "$WORK/sqlite/bank.sqlite"
cp -r "$REGISTRY_DIR/seal" "$WORK/sqlite/seal"
cp -r "$REGISTRY_DIR/seal" "$WORK/shared/seal"
createdb registry
echo "moving the registry to PostgreSQL (migrate-data) …"
"$BIN" migrate-data --from "$WORK/sqlite/bank.sqlite" --to "$BASE/registry" | tail -1

serve() {  # PORT DB DATA-DIR
    "$BIN" serve --db "$2" --data-dir "$3" --port "$1" --rate-limit 0 >"$WORK/serve-$1.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
    cat "$WORK/serve-$1.log" >&2; exit 1
}
serve 18701 "$WORK/sqlite/bank.sqlite" "$WORK/sqlite"
serve 18702 "$BASE/registry" "$WORK/shared"
serve 18703 "$BASE/registry" "$WORK/shared"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    upstream pg { server 127.0.0.1:18702; server 127.0.0.1:18703; keepalive 64; }
    server {
        listen 127.0.0.1:18700;
        location / { proxy_pass http://pg; proxy_http_version 1.1; proxy_set_header Connection ""; }
    }
}
NGINX
"$(command -v nginx || echo /usr/sbin/nginx)" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log"

CODE=$(sqlite3 "$WORK/sqlite/bank.sqlite" "SELECT code FROM issued_document ORDER BY id LIMIT 1")
cat >"$WORK/random.lua" <<'LUA'
local codes = {}
function init(args)
    for line in io.lines(args[1]) do codes[#codes + 1] = line end
    math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
function request() return wrk.format("GET", "/api/v1/verify/" .. codes[math.random(#codes)]) end
LUA
summary() {
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {printf "%10s req/s   p50 %8s   p99 %8s   non-2xx %s\n", rps, p50, p99, (bad==""?0:bad)}'
}
run() {  # LABEL PORT [random]
    printf '%-46s' "$1"
    if [ "${3:-}" = random ]; then
        wrk -t2 -c64 -d"${DURATION}s" --latency -s "$WORK/random.lua" "http://127.0.0.1:$2" -- "$REGISTRY_DIR/codes.txt" | summary
    else
        wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$2/api/v1/verify/$CODE" | summary
    fi
}
echo "== verification (wrk -t2 -c64 -d${DURATION}s; $(nproc) cores; registry of $(wc -l <"$REGISTRY_DIR/codes.txt") codes)"
printf '%-46s' "healthz, SQLite node"; wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:18701/healthz" | summary
run "random codes, SQLite, one node" 18701 random
run "random codes, PostgreSQL, one node" 18702 random
run "random codes, PostgreSQL, two nodes (nginx)" 18700 random
run "hot code, SQLite, one node" 18701
run "hot code, PostgreSQL, one node" 18702
run "hot code, PostgreSQL, two nodes (nginx)" 18700
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
pids=()

echo "== final approvals with certificate issue (bench-store: ${BENCH_APPROVALS:-300} per process)"
"$BIN" bench-store --only approvals --approvals "${BENCH_APPROVALS:-300}" --scratch "$WORK/s1" | sed 's/^/  /'
"$BIN" bench-store --only approvals --approvals "${BENCH_APPROVALS:-300}" --scratch "$WORK/p1" --postgres "$URL" --schema one | sed 's/^/  /'
echo "  two nodes at once (two processes on one server):"
"$BIN" bench-store --only approvals --approvals "${BENCH_APPROVALS:-300}" --scratch "$WORK/p2" --postgres "$URL" --schema two_a >"$WORK/two-a.txt" &
first=$!
"$BIN" bench-store --only approvals --approvals "${BENCH_APPROVALS:-300}" --scratch "$WORK/p3" --postgres "$URL" --schema two_b >"$WORK/two-b.txt"
wait "$first"
sed 's/^/    node A: /' "$WORK/two-a.txt"; sed 's/^/    node B: /' "$WORK/two-b.txt"

[ -n "${BENCH_SKIP_SEARCH:-}" ] && exit 0
echo "== catalog search over $CATALOG entries"
"$BIN" bench-store --only search --catalog-size "$CATALOG" --scratch "$WORK/s2" --postgres "$URL" --schema cat | sed 's/^/  /'
"$BIN" bench-store --only search --catalog-size "$CATALOG" --scratch "$WORK/s3" | sed 's/^/  /'
