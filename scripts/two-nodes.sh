#!/usr/bin/env bash
# Two `creditbank serve` nodes on one PostgreSQL database behind nginx (issue 17, docs/deploy.md),
# checked over HTTP by scripts/two_nodes.py: a conversion split across the nodes, 50 simultaneous
# final approvals, a revocation seen by the other node within a second, a batch started on one node
# and downloaded from the other, the login throttle across nodes, pages through the balancer.
# Then `migrate-data` copies the SQLite demo bank to PostgreSQL and the flow goes on there.
#
# Usage: scripts/two-nodes.sh [BINARY]   (default .build/debug/creditbank; PostgreSQL and nginx
# are started here, on loopback ports, and stopped at the end)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-.build/debug/creditbank}"
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
WORK="$(mktemp -d /tmp/creditbank-nodes.XXXXXX)"
chmod 755 "$WORK"  # the postgres account reaches its folder inside
PG_PORT="${TWO_NODES_PG_PORT:-55440}"
PORT_A=18611 PORT_B=18612 PORT_LB=18610
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    scripts/postgres.sh stop "$WORK/pg" || true
    rm -rf "$WORK"
}
trap cleanup EXIT
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

URL="$(scripts/postgres.sh start "$WORK/pg" "$PG_PORT")"
DATA="$WORK/shared"  # the folder every node shares (seal, evidence, batches)
echo "== a demo bank on PostgreSQL ($URL), shared data folder $DATA"
"$BIN" demo --db "$URL" --data-dir "$DATA" >"$WORK/demo.log"

start_node() {  # PORT LOG
    "$BIN" serve --db "$URL" --data-dir "$DATA" --port "$1" --rate-limit 30 --trusted-proxy 127.0.0.1 >"$2" 2>&1 &
    pids+=($!)
}
start_node "$PORT_A" "$WORK/node-a.log"
start_node "$PORT_B" "$WORK/node-b.log"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx-body;
    proxy_temp_path $WORK/nginx-proxy;
    upstream creditbank { server 127.0.0.1:$PORT_A; server 127.0.0.1:$PORT_B; }
    server {
        listen 127.0.0.1:$PORT_LB;
        client_max_body_size 12m;
        location / {
            proxy_pass http://creditbank;
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
NGINX
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" -e "$WORK/nginx-error.log"
for port in "$PORT_A" "$PORT_B" "$PORT_LB"; do
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$WORK"/node-*.log "$WORK/nginx-error.log" >&2; exit 1; }
done
echo "== two nodes ($PORT_A, $PORT_B) behind nginx ($PORT_LB)"
python3 scripts/two_nodes.py "http://127.0.0.1:$PORT_LB" "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B" \
    || { echo "--- node A"; tail -20 "$WORK/node-a.log"; echo "--- node B"; tail -20 "$WORK/node-b.log"; exit 1; }

echo "== migrate-data: the SQLite demo bank to PostgreSQL, then the flow goes on there"
"$BIN" demo --db "$WORK/sqlite/bank.sqlite" >/dev/null
PGURL_MIGRATED="${URL%/*}/migrated"
runuser_or() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
runuser_or "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/createdb" -h 127.0.0.1 -p "$PG_PORT" -U creditbank migrated
"$BIN" migrate-data --from "$WORK/sqlite/bank.sqlite" --to "$PGURL_MIGRATED" | tee "$WORK/migrate.log"
if "$BIN" migrate-data --from "$WORK/sqlite/bank.sqlite" --to "$PGURL_MIGRATED" >"$WORK/again.log" 2>&1; then
    echo "FAIL migrate-data into a non-empty database was not refused" >&2; exit 1
fi
grep -q "not empty" "$WORK/again.log" || { cat "$WORK/again.log" >&2; exit 1; }
echo "ok   migrate-data refuses a non-empty target: $(head -1 "$WORK/again.log")"
"$BIN" serve --db "$PGURL_MIGRATED" --data-dir "$WORK/sqlite" --port 18613 --rate-limit 0 >"$WORK/migrated.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:18613/healthz" >/dev/null && break; sleep 0.1; done
python3 - "http://127.0.0.1:18613" <<'PY'
import json, sys, urllib.request
base = sys.argv[1]
def call(method, path, token=None, body=None):
    request = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(), method=method)
    request.add_header("Content-Type", "application/json")
    if token: request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        data = response.read()
        return json.loads(data) if response.headers.get("Content-Type", "").startswith("application/json") else data
login = lambda name, password: call("POST", "/api/v1/auth/login", body={"login": name, "password": password})["token"]
learner = login("13800138000", "Learner2026")
documents = call("GET", "/api/v1/me/documents", learner)
assert documents, "the migrated learner has documents"
pdf = call("GET", f"/api/v1/documents/{documents[0]['id']}/pdf", learner)
assert pdf[:5] == b"%PDF-" and len(pdf) == documents[0]["byteCount"], "the migrated PDF downloads whole"
assert call("GET", f"/api/v1/verify/{documents[0]['code']}")["status"] == "valid", "the migrated code verifies"
# The flow goes on: a new outcome, an application, both reviews, a certificate with a fresh id.
ncre = [i["id"] for i in call("GET", "/api/v1/catalog?q=NCRE-1", learner)["items"] if i["code"] == "NCRE-1"][0]
rule = call("GET", "/api/v1/rules?q=202201240004", learner)["items"][0]["id"]
outcome = call("POST", "/api/v1/me/outcomes", learner, {"catalogId": ncre, "obtainedOn": "2022-03-04", "score": 75})["id"]
app = call("POST", "/api/v1/me/conversions", learner, {"outcomeIds": [outcome], "ruleId": rule})["id"]
call("POST", f"/api/v1/reviews/conversions/{app}", login("ouc-reviewer", "Review2026"), {"decision": "approve", "opinion": ""})
done = call("POST", f"/api/v1/reviews/conversions/{app}", login("expert", "Expert2026"), {"decision": "approve", "opinion": "同意"})
assert done["status"] == "succeeded" and done["certificateId"] > max(d["id"] for d in documents), done
print(f"ok   on the migrated bank: {len(documents)} document(s) verify and download; a new application got certificate {done['certificateId']}")
PY
echo "two-nodes: passed"
