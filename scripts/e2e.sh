#!/usr/bin/env bash
# End-to-end test (issue 6), run by scripts/test.sh after the Swift suites: the release build on a
# temporary demo database, one conversion driven through HTTP only, the certificate checked with
# pdftotext, qpdf and zbarimg, the decoded URL followed, upload checks (match, one byte altered → no
# match), revocation, then headless Chromium at a phone-sized viewport on the verification page and
# the learner pages. Screenshots are saved in the folder printed at the end. Any failed step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
swift build -c release --product creditbank >"$log" 2>&1 || { cat "$log"; exit 1; }
bin="$PWD/.build/release/creditbank"
work="$(mktemp -d /tmp/creditbank-e2e-XXXXXX)"
shots="${E2E_SCREENSHOTS:-$PWD/.build/e2e-screenshots}"
port="${E2E_PORT:-$((20000 + RANDOM % 20000))}"
base="http://127.0.0.1:$port"
fail() { echo "e2e FAIL: $*" >&2; exit 1; }
step() { echo "e2e: $*"; }
# Whether the page at $1 says $2 (read whole first: `curl | grep -q` fails under pipefail once grep stops early).
page_says() { local page; page=$(curl -fs "$1") && grep -qF "$2" <<<"$page"; }

"$bin" demo --db "$work/bank.sqlite" --base-url "$base" >/dev/null
"$bin" serve --db "$work/bank.sqlite" --port "$port" --base-url "$base" --rate-limit 0 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || { cat "$work/server.log"; fail "the server did not answer /healthz"; }
step "server answering on $base"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
api() { # METHOD PATH [TOKEN] [JSON] → body on stdout; fails on a status ≥ 400
  local method=$1 path=$2 token=${3:-} body=${4:-}
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$method" "$base$path")
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
  local status; status=$(curl "${args[@]}")
  [ "$status" -lt 400 ] || fail "$method $path answered $status: $(cat "$work/body")"
  cat "$work/body"
}
login() { api POST /api/v1/auth/login "" "{\"login\": \"$1\", \"password\": \"$2\"}" | json "d['token']"; }

# 1. A new learner registers and signs in.
id_number=$(python3 -c "
base='44010619920315123'
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
print(base + '10X98765432'[sum(int(c)*x for c,x in zip(base,w)) % 11])")
api POST /api/v1/auth/register "" "{\"name\": \"古丽娜尔·吐尔逊\", \"idNumber\": \"$id_number\", \"phone\": \"13612345678\", \"password\": \"Journey2026\"}" >/dev/null
learner=$(login 13612345678 Journey2026)
step "learner registered and signed in"

# 2. The learner banks an NCRE outcome from the catalog and applies under rule 202201240004.
catalog=$(api GET "/api/v1/catalog?q=NCRE-1" "$learner" | json "[i['id'] for i in d['items'] if i['code']=='NCRE-1'][0]")
rule=$(api GET "/api/v1/rules?q=202201240004" "$learner" | json "d['items'][0]['id']")
outcome=$(api POST /api/v1/me/outcomes "$learner" "{\"catalogId\": $catalog, \"obtainedOn\": \"2025-09-20\", \"score\": 88}" | json "d['id']")
application=$(api POST /api/v1/me/conversions "$learner" "{\"outcomeIds\": [$outcome], \"ruleId\": $rule}" | json "d['id']")
step "application $application submitted"

# 3. Initial review by the institution, final review by the expert: the certificate is issued.
reviewer=$(login ouc-reviewer Review2026)
expert=$(login expert Expert2026)
api POST "/api/v1/reviews/conversions/$application" "$reviewer" '{"decision": "approve", "opinion": "材料齐全"}' >/dev/null
certificate=$(api POST "/api/v1/reviews/conversions/$application" "$expert" '{"decision": "approve", "opinion": "同意转换"}' | json "d['certificateId']")
code=$(api GET "/api/v1/me/documents/$certificate" "$learner" | json "d['code']")
step "certificate $certificate issued with code $code"

# 4. Download and read it as a person would.
curl -fs -H "Authorization: Bearer $learner" "$base/api/v1/documents/$certificate/pdf" -o "$work/certificate.pdf"
pdftotext -enc UTF-8 "$work/certificate.pdf" "$work/certificate.txt"
for expected in "学习成果转换证明" "古丽娜尔·吐尔逊" "202201240004" "$code" "全国计算机等级考试一级证书" "计算机应用基础"; do
  grep -qF "$expected" "$work/certificate.txt" || fail "pdftotext: '$expected' missing"
done
grep -qF "$id_number" "$work/certificate.txt" && fail "pdftotext: the full ID number is printed"
qpdf --check "$work/certificate.pdf" >/dev/null || fail "qpdf --check"
pdftoppm -r 150 -png -f 1 -l 1 "$work/certificate.pdf" "$work/page"
url=$(zbarimg --quiet --raw "$work"/page-1.png 2>/dev/null | head -1)
canonical=${code//-/}
[ "$url" = "$base/v/$canonical" ] || fail "zbarimg decoded '$url', expected $base/v/$canonical"
step "pdftotext, qpdf --check and zbarimg agree; QR → $url"

# 5. Follow the URL; upload the PDF (match) and a one-byte-altered copy (no match).
page_says "$url" "有效" || fail "the verification page does not say 有效"
[ "$(curl -s --data-binary @"$work/certificate.pdf" "$base/api/v1/verify" | json "d['match']")" = "True" ] || fail "upload: no match"
python3 -c "
import sys; b = bytearray(open(sys.argv[1], 'rb').read()); b[len(b) // 2] ^= 1; open(sys.argv[2], 'wb').write(b)" \
  "$work/certificate.pdf" "$work/altered.pdf"
[ "$(curl -s --data-binary @"$work/altered.pdf" "$base/api/v1/verify" | json "d['match']")" = "False" ] || fail "altered upload matched"
step "verification page valid; upload matches; altered copy does not"

# 5b. The seal (docs/seal.md): two independent validators, the bank's published root as the only anchor.
curl -fs "$base/.well-known/creditbank/seal.pem" -o "$work/seal.pem"
awk '/BEGIN CERTIFICATE/{n++} n==2' "$work/seal.pem" > "$work/root.pem"
grep -q "BEGIN CERTIFICATE" "$work/root.pem" || fail "seal.pem holds no root certificate"
mkdir -p "$work/nss" && certutil -N -d "sql:$work/nss" --empty-password
certutil -A -d "sql:$work/nss" -n "credit bank root" -t "CT,C,C" -i "$work/root.pem"
pdfsig -nssdir "sql:$work/nss" "$work/certificate.pdf" > "$work/pdfsig.txt" 2>&1 || true
for expected in "Signature Type: ETSI.CAdES.detached" "Total document signed" "Signature Validation: Signature is Valid." \
  "Certificate Validation: Certificate is Trusted." "电子印章"; do
  grep -qF "$expected" "$work/pdfsig.txt" || { cat "$work/pdfsig.txt"; fail "pdfsig: '$expected' missing"; }
done
pyhanko=$(python3 scripts/pades_check.py "$work/certificate.pdf" "$work/root.pem")
[ "$(echo "$pyhanko" | json "(d['intact'], d['valid'], d['trusted'], d['coverage'])")" = "(True, True, True, 'ENTIRE_FILE')" ] \
  || fail "pyHanko: $pyhanko"
pdfsig -nssdir "sql:$work/nss" "$work/altered.pdf" > "$work/pdfsig-altered.txt" 2>&1 || true
grep -qF "Signature is Valid." "$work/pdfsig-altered.txt" && fail "pdfsig accepts the altered copy"
grep -qF "Digest Mismatch" "$work/pdfsig-altered.txt" || { cat "$work/pdfsig-altered.txt"; fail "pdfsig: no digest mismatch on the altered copy"; }
[ "$(python3 scripts/pades_check.py "$work/altered.pdf" "$work/root.pem" | json "(d['intact'], d['bottomLine'])")" = "(False, False)" ] \
  || fail "pyHanko accepts the altered copy"
[ "$(curl -s --data-binary @"$work/altered.pdf" "$base/api/v1/verify" | json "(d['match'], d['signature']['intact'])")" = "(False, False)" ] \
  || fail "the upload check calls the altered copy's signature intact"
[ "$(curl -s --data-binary @"$work/certificate.pdf" "$base/api/v1/verify" | json "d['signature']['bankSeal']")" = "True" ] \
  || fail "the upload check does not find the bank's seal"
qpdf "$work/certificate.pdf" "$work/resaved.pdf" 2>/dev/null || true
[ "$(curl -s --data-binary @"$work/resaved.pdf" "$base/api/v1/verify" | json "d['match']")" = "False" ] || fail "a re-saved copy matched"
verified=$("$bin" verify "$work/certificate.pdf" --db "$work/bank.sqlite")
grep -qF "valid bank seal" <<<"$verified" || fail "creditbank verify FILE: no valid seal: $verified"
step "sealed: pdfsig and pyHanko say valid, whole and trusted; an altered copy breaks both; a re-saved copy does not match"

# 6. The admin revokes it; the page says so.
admin=$(login admin Admin2026)
api POST "/api/v1/admin/documents/$certificate/revoke" "$admin" '{"reason": "申请材料不实"}' >/dev/null
page_says "$url" "已撤销" || fail "the verification page does not say 已撤销 after revocation"
[ "$(curl -fs "$base/api/v1/verify/$canonical" | json "d['status']")" = "revoked" ] || fail "JSON status is not revoked"
step "revoked; the page says 已撤销"

# 7. A batch through the admin API.
batch=$(api POST /api/v1/admin/batches "$admin" '{"kind": "conversion-certificate", "format": "zip"}' | json "d['batchId']")
for _ in $(seq 1 100); do
  status=$(api GET "/api/v1/admin/batches/$batch" "$admin" | json "d['status']")
  [ "$status" = done ] && break; [ "$status" = failed ] && fail "batch failed"; sleep 0.2
done
curl -fs -H "Authorization: Bearer $admin" "$base/api/v1/admin/batches/$batch/file" -o "$work/batch.zip"
unzip -tq "$work/batch.zip" >/dev/null || fail "batch ZIP is damaged"
manifest=$(unzip -p "$work/batch.zip" manifest.csv)
grep -q "conversion-certificate" <<<"$manifest" || fail "batch manifest is empty"
step "admin batch $batch printed as a ZIP with a manifest"

# 8. Headless Chromium at a phone-sized viewport.
rm -rf "$shots"
python3 scripts/e2e_browser.py "$base" "/v/$canonical" 13612345678 Journey2026 "古丽娜尔·吐尔逊" "$shots" "$work/certificate.pdf"
echo "e2e: all steps passed; screenshots in $shots"
