#!/usr/bin/env python3
"""Two nodes on one PostgreSQL database behind nginx (issue 17; scripts/two-nodes.sh starts them).

Usage: two_nodes.py BALANCER_URL NODE_A_URL NODE_B_URL

Checks, over HTTP only:
  1. the life of a conversion split across both nodes (each step on the other node than the last);
  2. the same final approval sent to both nodes at the same instant, 50 times: exactly one
     certificate each time (one 200, one 409);
  3. a revocation on node A is seen by node B's verification within a second;
  4. a batch started on node A runs on one node and downloads from node B;
  5. failed logins spread over both nodes get no more tries than on one (the throttle holds across
     nodes), and so do public look-ups (the nodes run with --rate-limit 30);
  6. through the balancer, the verification page and a PDF download work.
"""
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request

BALANCER, A, B = sys.argv[1:4]
failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def call(base, method, path, token=None, body=None, raw=False, client=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method)
    # The nodes trust 127.0.0.1 as a proxy: each call names its client (a fresh one unless given),
    # so that only the rate-limit check below meets the look-up limit.
    request.add_header("X-Forwarded-For", client or "10.%d.%d.%d" % tuple(random.randrange(1, 255) for _ in range(3)))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            payload = response.read()
            return response.status, payload if raw else (json.loads(payload) if payload else None)
    except urllib.error.HTTPError as error:
        payload = error.read()
        try:
            return error.code, json.loads(payload)
        except ValueError:
            return error.code, payload


def ok(base, method, path, token=None, body=None, raw=False):
    status, answer = call(base, method, path, token, body, raw)
    if status >= 400:
        raise SystemExit(f"{method} {base}{path} → {status}: {answer}")
    return answer


def login(base, name, password):
    return ok(base, "POST", "/api/v1/auth/login", body={"login": name, "password": password})["token"]


# Sessions live in the database: a token from one node works on the other.
learner = login(A, "13900139000", "Learner2026")
check(call(B, "GET", "/api/v1/me", learner)[0] == 200, "a session made on node A is valid on node B")
reviewer = login(B, "ouc-reviewer", "Review2026")
expert_a = login(A, "expert", "Expert2026")
expert_b = login(B, "expert", "Expert2026")
admin = login(A, "admin", "Admin2026")

catalog = ok(B, "GET", "/api/v1/catalog?q=NCRE-1", learner)
ncre = [item["id"] for item in catalog["items"] if item["code"] == "NCRE-1"][0]
rule = ok(A, "GET", "/api/v1/rules?q=202201240004", learner)["items"][0]["id"]

# 1. One conversion, each step on the other node.
outcome = ok(A, "POST", "/api/v1/me/outcomes", learner, {"catalogId": ncre, "obtainedOn": "2024-01-02", "score": 90})["id"]
application = ok(B, "POST", "/api/v1/me/conversions", learner, {"outcomeIds": [outcome], "ruleId": rule})["id"]
ok(A, "POST", f"/api/v1/reviews/conversions/{application}", reviewer, {"decision": "approve", "opinion": "材料齐全"})
certificate = ok(B, "POST", f"/api/v1/reviews/conversions/{application}", expert_b, {"decision": "approve", "opinion": "同意"})["certificateId"]
documents = ok(A, "GET", "/api/v1/me/documents", learner)
document = [d for d in documents if d["id"] == certificate][0]
pdf = ok(B, "GET", f"/api/v1/documents/{certificate}/pdf", learner, raw=True)
check(pdf.startswith(b"%PDF-") and len(pdf) == document["byteCount"], f"the certificate issued on node B downloads from node A and B ({len(pdf)} bytes)")
answer = ok(A, "GET", f"/api/v1/verify/{document['code']}")
check(answer["status"] == "valid", "node A verifies the code of a certificate issued on node B")

# 2. The same final approval on both nodes at the same instant, 50 times.
rounds, single, statuses = 50, 0, {}
for index in range(rounds):
    day = time.strftime("%Y-%m-%d", time.gmtime(time.mktime((2023, 1, 1, 12, 0, 0, 0, 0, 0)) + index * 86400))
    source = ok(A, "POST", "/api/v1/me/outcomes", learner, {"catalogId": ncre, "obtainedOn": day, "score": 80})["id"]
    app = ok(B, "POST", "/api/v1/me/conversions", learner, {"outcomeIds": [source], "ruleId": rule})["id"]
    ok(A, "POST", f"/api/v1/reviews/conversions/{app}", reviewer, {"decision": "approve", "opinion": ""})
    results = [None, None]
    start = threading.Barrier(2)

    def approve(index, base, token):
        start.wait()
        results[index] = call(base, "POST", f"/api/v1/reviews/conversions/{app}", token, {"decision": "approve", "opinion": "同意"})

    threads = [threading.Thread(target=approve, args=(0, A, expert_a)), threading.Thread(target=approve, args=(1, B, expert_b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(status for status, _ in results)
    statuses[tuple(codes)] = statuses.get(tuple(codes), 0) + 1
    if codes == [200, 409]:
        single += 1
certificates = [d for d in ok(B, "GET", "/api/v1/me/documents", learner) if d["kind"] == "conversion-certificate"]
check(single == rounds, f"{rounds} simultaneous final approvals on two nodes: one 200 and one 409 each time ({statuses})")
check(len(certificates) == rounds + 1, f"exactly one certificate per application: {len(certificates)} for {rounds + 1}")

# 3. A revocation on node A, seen by node B within a second.
victim = certificates[0]
before = ok(B, "GET", f"/api/v1/verify/{victim['code']}")  # node B caches the answer
check(before["status"] == "valid", "node B answers valid before the revocation")
ok(A, "POST", f"/api/v1/admin/documents/{victim['id']}/revoke", admin, {"reason": "两节点测试撤销"})
revoked_at, seen = time.monotonic(), None
while time.monotonic() - revoked_at < 5:
    if ok(B, "GET", f"/api/v1/verify/{victim['code']}")["status"] == "revoked":
        seen = time.monotonic() - revoked_at
        break
    time.sleep(0.01)
check(seen is not None and seen < 1.0, f"node B says revoked {seen if seen is None else round(seen * 1000)} ms after node A revoked")

# 4. A batch started on node A, downloaded from node B.
batch = ok(A, "POST", "/api/v1/admin/batches", admin, {"kind": "conversion-certificate", "format": "pdf"})["batchId"]
deadline, job = time.monotonic() + 120, None
while time.monotonic() < deadline:
    job = ok(B, "GET", f"/api/v1/admin/batches/{batch}", admin)
    if job["status"] in ("done", "failed"):
        break
    time.sleep(0.5)
check(job and job["status"] == "done", f"the batch started on node A finished ({job})")
printed = ok(B, "GET", f"/api/v1/admin/batches/{batch}/file", admin, raw=True)
check(printed.startswith(b"%PDF-") and printed.count(b"/Type /Page\n") + printed.count(b"/Type /Page ") + printed.count(b"/Type/Page") >= 1,
      f"node B serves the batch file node A asked for ({len(printed)} bytes)")

# 5. Failed logins spread over both nodes: the throttle counts them together.
refused_at = None
for attempt in range(1, 30):
    status, _ = call(A if attempt % 2 else B, "POST", "/api/v1/auth/login", body={"login": "13800138000", "password": "wrong-%d" % attempt},
                     client="192.0.2.%d" % attempt)
    if status == 429:
        refused_at = attempt
        break
status, _ = call(A, "POST", "/api/v1/auth/login", body={"login": "13800138000", "password": "Learner2026"}, client="192.0.2.50")
check(refused_at == 6, f"failed logins alternating between nodes: the attempt after the fifth is refused (attempt {refused_at})")
check(status == 429, "and the right password is refused on either node while throttled")
limited_at = None
for client in ("203.0.113.9", "203.0.113.10"):  # a second client if the run crossed a clock minute
    for attempt in range(1, 80):
        status, _ = call(A if attempt % 2 else B, "GET", f"/api/v1/verify/{document['code']}", client=client)
        if status == 429:
            limited_at = attempt
            break
    if limited_at == 31:
        break
check(limited_at is not None and limited_at <= 31, f"public look-ups alternating between nodes: refused at look-up {limited_at} (limit 30 a minute for the bank)")

# 6. Through the balancer.
page = urllib.request.urlopen(BALANCER + "/v/" + document["code"].replace("-", ""), timeout=10).read().decode()
check("有效" in page or "valid" in page, "the verification page answers through nginx")
check(ok(BALANCER, "GET", f"/api/v1/documents/{certificate}/pdf", learner, raw=True) == pdf, "the PDF downloads through nginx, byte for byte")

print(f"two-nodes: {len(failures)} failure(s)")
sys.exit(1 if failures else 0)
