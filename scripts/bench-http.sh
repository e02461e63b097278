#!/usr/bin/env bash
# HTTP benchmark (issues 4 and 18): the release server on loopback, measured with wrk on the same
# machine. Prints requests/s and latency percentiles, and the ratios to /healthz (the machine's
# ceiling for this server), for
#   1. GET /healthz                                   (idle)
#   2. GET /api/v1/verify/{code}, one hot code        (idle; the 5-second cache answers)
#   3. GET /api/v1/verify/{code}, random codes drawn from a registry of REGISTRY documents (idle;
#      the cache seldom answers). The registry is built once (`seed-registry`) and reused.
#   4. GET /api/v1/documents/{id}/pdf                 (idle)
#   5. GET /api/v1/verify/{code} while certificates render on every core and logins (bcrypt) arrive;
#   6. GET /api/v1/verify/{code} while the server prints a 10,000-certificate batch itself.
# Usage: scripts/bench-http.sh [SECONDS per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
PORT="${BENCH_PORT:-18080}"
REGISTRY="${BENCH_REGISTRY:-200000}"
command -v wrk >/dev/null || { sudo -n true 2>/dev/null && SUDO=sudo || SUDO=; $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk; }
scripts/setup.sh >/dev/null
swift build -c release >/dev/null
BIN=.build/release/creditbank
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# The demo bank plus REGISTRY registry rows, made once and copied (with its seal) for each run.
REGISTRY_DIR="$(scripts/bench-registry.sh "$REGISTRY")"
cp "$REGISTRY_DIR/bank.sqlite" "$WORK/bank.sqlite"
cp -r "$REGISTRY_DIR/seal" "$WORK/seal"
"$BIN" serve --db "$WORK/bank.sqlite" --port "$PORT" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT"
TOKEN=$(curl -sf -XPOST "$URL/api/v1/auth/login" -d '{"login":"13800138000","password":"Learner2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
DOC=$(curl -sf "$URL/api/v1/me/documents" -H "Authorization: Bearer $TOKEN")
CODE=$(echo "$DOC" | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["code"])')
ID=$(echo "$DOC" | python3 -c 'import json,sys;print(min(d["id"] for d in json.load(sys.stdin)))')  # the demo's own certificate (registry copies have no PDF)

summary() {  # wrk output → one line, remembered in LAST_RPS / LAST_P99 (ms)
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {printf "%10s req/s   p50 %8s   p99 %8s   non-2xx %s\n", rps, p50, p99, (bad==""?0:bad)}' | tee "$WORK/last.txt"
}
ms() {  # "1.23ms" / "850.00us" / "1.01s" → milliseconds
    python3 -c "import sys,re; v=sys.argv[1]; n=float(re.match(r'[0-9.]+',v).group()); print(n/1000 if v.endswith('us') else n*1000 if v.endswith('s') and not v.endswith('ms') else n)" "$1"
}
ratio() {  # "label" → ratios of the last run to /healthz
    local rps p99
    rps=$(awk '{print $1}' "$WORK/last.txt"); p99=$(awk '{print $6}' "$WORK/last.txt")
    python3 -c "import sys; print('%-34s%10.2f × /healthz req/s   p99 %.2f × /healthz p99' % (sys.argv[1], float(sys.argv[2])/float(sys.argv[3]), float(sys.argv[4])/float(sys.argv[5])))" \
        "  $1" "$rps" "$HEALTH_RPS" "$(ms "$p99")" "$HEALTH_P99"
}

cat >"$WORK/random.lua" <<'LUA'
-- Codes drawn at random from the registry (a file of codes, one per line). wrk shares the server's
-- two cores, so the requests are drawn and formatted once in init — up to 200,000 per wrk thread,
-- each thread with its own seed — and sent in turn: formatting one per request in Lua cost wrk CPU
-- the server then lacked. A run of 10 s sends fewer than that per thread, so no code repeats
-- within a thread and the 5-second cache seldom answers.
local requests = {}
local next = 0
function init(args)
    local codes = {}
    for line in io.lines(args[1]) do codes[#codes + 1] = line end
    math.randomseed(os.time() + math.floor(os.clock() * 1000000) + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
    for i = 1, math.min(#codes, 200000) do
        requests[i] = wrk.format("GET", "/api/v1/verify/" .. codes[math.random(#codes)])
    end
end
function request()
    next = next % #requests + 1
    return requests[next]
end
LUA

echo "server: $BIN serve --rate-limit 0   wrk -t2 -c64 -d${DURATION}s --latency   ($(nproc) cores; registry of $(wc -l <"$REGISTRY_DIR/codes.txt") + demo documents)"
printf '%-34s' "healthz (idle)"
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL/healthz" | summary
HEALTH_RPS=$(awk '{print $1}' "$WORK/last.txt"); HEALTH_P99=$(ms "$(awk '{print $6}' "$WORK/last.txt")")
printf '%-34s' "verify by code, one hot code"
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL/api/v1/verify/$CODE" | summary
ratio "hot code"
printf '%-34s' "verify by code, random codes"
wrk -t2 -c64 -d"${DURATION}s" --latency -s "$WORK/random.lua" "$URL" -- "$REGISTRY_DIR/codes.txt" | summary
ratio "random codes"
# The same script with one code: what the script itself costs beside the plain hot-code run.
head -1 "$REGISTRY_DIR/codes.txt" >"$WORK/one-code.txt"
printf '%-34s' "verify, one code via the script"
wrk -t2 -c64 -d"${DURATION}s" --latency -s "$WORK/random.lua" "$URL" -- "$WORK/one-code.txt" | summary
ratio "one code via the script"
printf '%-34s' "document download (idle)"
wrk -t2 -c64 -d"${DURATION}s" --latency -H "Authorization: Bearer $TOKEN" "$URL/api/v1/documents/$ID/pdf" | summary
ratio "download ($(curl -sf -H "Authorization: Bearer $TOKEN" "$URL/api/v1/documents/$ID/pdf" | wc -c) bytes)"

# BENCH_IDLE_ONLY=1 stops here (the idle figures, without the minutes of the loaded runs).
[ "${BENCH_IDLE_ONLY:-}" = 1 ] && exit 0

# Load: certificate renders on every core (one `bench` render loop per core, each rendering
# certificates back to back) and a burst of correct logins (bcrypt cost 10 each). The render loops
# run at nice 10, the priority `serve` gives its own renderer threads (RendererPool niceness), so
# they stand for the server's renders and batches competing with the event loops.
cat >"$WORK/login.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"login":"13900139000","password":"Learner2026"}'
wrk.headers["Content-Type"] = "application/json"
LUA
RENDERS=()
for _ in $(seq 1 "$(nproc)"); do
    nice -n 10 "$BIN" bench --documents 1000000 --pages 1 --cold-runs 1 >/dev/null 2>&1 &
    RENDERS+=($!)
done
wrk -t1 -c16 -d"$((DURATION + 2))s" -s "$WORK/login.lua" "$URL/api/v1/auth/login" >"$WORK/logins.txt" &
LOGINS=$!
sleep 1
printf '%-34s' "verify by code (renders + logins)"
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL/api/v1/verify/$CODE" | summary
kill "${RENDERS[@]}" 2>/dev/null || true
wait "$LOGINS" || true
printf '%-34s' "  logins served meanwhile"
summary <"$WORK/logins.txt"

# 4. The same lookup while the server itself prints a batch: 10,000 certificates into one PDF on its
# own renderer threads (nice 15). Uses the database scripts/bench-batch.sh issues (made here once
# if missing, about 2 minutes), copied so the bench's admin account stays out of it.
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
BATCH_DB="${BENCH_BATCH_DB:-/tmp/creditbank-bench-batch/bank-10000.sqlite}"
if [ ! -f "$BATCH_DB" ]; then
    mkdir -p "$(dirname "$BATCH_DB")"
    echo "issuing 10000 certificates into $BATCH_DB (once) …"
    "$BIN" seed-certificates --db "$BATCH_DB" --count 10000 >/dev/null
fi
mkdir -p "$WORK/batch"
cp "$BATCH_DB" "$WORK/batch/bank.sqlite"
cp -r "$(dirname "$BATCH_DB")/seal" "$WORK/batch/seal"  # the bank's seal lives beside its database
echo "BenchAdmin2026" | "$BIN" staff add --db "$WORK/batch/bank.sqlite" --role admin --username benchadmin >/dev/null
"$BIN" serve --db "$WORK/batch/bank.sqlite" --port "$PORT" --rate-limit 0 >"$WORK/serve-batch.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.1; done
BCODE=$(sqlite3 "$WORK/batch/bank.sqlite" "SELECT code FROM issued_document ORDER BY id LIMIT 1")
ADMIN=$(curl -sf -XPOST "$URL/api/v1/auth/login" -d '{"login":"benchadmin","password":"BenchAdmin2026"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
BATCH=$(curl -sf -XPOST "$URL/api/v1/admin/batches" -H "Authorization: Bearer $ADMIN" \
    -d '{"kind":"conversion-certificate","format":"pdf"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["batchId"])')
sleep 1
printf '%-34s' "verify by code (in-server batch)"
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL/api/v1/verify/$BCODE" | summary
curl -sf "$URL/api/v1/admin/batches/$BATCH" -H "Authorization: Bearer $ADMIN" |
    python3 -c 'import json,sys;b=json.load(sys.stdin);print("  batch meanwhile: %s, %d of %d certificates printed" % (b["status"], b["done"], b["total"]))'
