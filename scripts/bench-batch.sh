#!/usr/bin/env bash
# Batch benchmark (issue 5): 10,000 conversion certificates into one PDF and into a ZIP, with the
# release build on this machine. The certificates are issued once through the real service
# (register, outcome, application, two approvals) into a scratch database that later runs reuse.
# Usage: scripts/bench-batch.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
scratch="${BENCH_DIR:-/tmp/creditbank-bench-batch}"
log="$(mktemp)"
swift build -c release --product creditbank >"$log" 2>&1 || { cat "$log"; exit 1; }
bin=.build/release/creditbank
mkdir -p "$scratch"
db="$scratch/bank-$count.sqlite"
if [ ! -f "$db" ]; then
  echo "issuing $count certificates into $db (once) …"
  "$bin" seed-certificates --db "$db" --count "$count"
fi
for format in pdf zip; do
  rm -rf "$scratch/batch.$format" "$scratch/batch.$format.parts"
  echo "== $count certificates → $format"
  /usr/bin/time -f "elapsed %e s, peak RSS %M KB, CPU %P" \
    "$bin" batch --db "$db" --kind conversion-certificate --format "$format" --out "$scratch/batch.$format" 2> >(grep -v '^batch:' >&2)
done
qpdf --check "$scratch/batch.pdf" | tail -1
pdfinfo "$scratch/batch.pdf" | grep Pages
unzip -l "$scratch/batch.zip" | tail -1
