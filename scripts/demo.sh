#!/usr/bin/env bash
# Set up the machine, build the service and run it on a demo database:
# creates data/creditbank.sqlite (once) with institutions, a catalog, rules, staff, learners,
# applications in every state and an issued conversion certificate, writes that certificate and
# the sample certificates (zh, en) to out/ with PNG previews, then serves HTTP on port $PORT
# (default 8080) until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product creditbank
bin=.build/release/creditbank
$bin demo --db data/creditbank.sqlite
mkdir -p out
for t in conversion-certificate.zh conversion-certificate.en; do
  $bin render --template "$t" --out "out/$t.pdf" --png "out/$t.png"
done
code=$($bin verify --db data/creditbank.sqlite --export out/demo-certificate.pdf \
  "$(sqlite3 data/creditbank.sqlite 'SELECT code FROM issued_document ORDER BY id LIMIT 1')" | tee /dev/stderr | sed -n 's/^code: *//p')
echo "demo: the issued certificate $code is out/demo-certificate.pdf; check it with: $bin verify --db data/creditbank.sqlite out/demo-certificate.pdf"
echo "demo: database data/creditbank.sqlite; sample certificates in out/ (PDF and PNG)"
port="${PORT:-8080}"
cat <<EOT

demo: the service starts on http://localhost:$port (Ctrl-C stops it). Try:
  learner pages       http://localhost:$port/login   (13800138000 / Learner2026)
  verification page   http://localhost:$port/v/$code   (or type a code at http://localhost:$port/v)
  as JSON             curl -s http://localhost:$port/api/v1/verify/$code
  upload check        curl -s --data-binary @out/demo-certificate.pdf http://localhost:$port/api/v1/verify
  sign in             curl -s -XPOST http://localhost:$port/api/v1/auth/login -d '{"login":"13800138000","password":"Learner2026"}'
  print a batch       $bin batch --db data/creditbank.sqlite --kind conversion-certificate --out out/batch.pdf
  API description     http://localhost:$port/api/v1/openapi.yaml
EOT
exec $bin serve --db data/creditbank.sqlite --port "$port" --base-url "http://localhost:$port"
