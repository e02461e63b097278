#!/usr/bin/env bash
# Batch benchmark (issues 5 and 18): 10,000 conversion certificates into one PDF and into a ZIP, with the
# release build on this machine. The certificates are issued once through the real service
# (register, outcome, application, two approvals) into a scratch database that later runs reuse.
# The PDF's pages/s is printed beside the single-thread many-page rate of `creditbank bench` from
# the same run (issue 18: the batch should use every core).
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
# The reference: one thread rendering one many-page PDF (`creditbank bench`), in this same run.
reference=$("$bin" bench --many-page-only --pages 1000 | tee /dev/stderr | sed -n 's/.*median \([0-9]*\) pages\/s.*/\1/p')
for format in pdf zip; do
  rm -rf "$scratch/batch.$format" "$scratch/batch.$format.parts"
  echo "== $count certificates → $format"
  started=$(date +%s.%N)
  /usr/bin/time -f "elapsed %e s, peak RSS %M KB, CPU %P" \
    "$bin" batch --db "$db" --kind conversion-certificate --format "$format" --out "$scratch/batch.$format" 2> >(grep -v '^batch:' >&2)
  if [ "$format" = pdf ]; then
    python3 -c "import sys; c,s,r=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]),float(sys.argv[4]); print('batch PDF: %.0f pages/s on %s cores = %.2f x the single-thread many-page rate (%.0f pages/s)' % (c/s, sys.argv[5], c/s/r, r))" \
      "$count" "$started" "$(date +%s.%N)" "$reference" "$(nproc)"
  fi
done
qpdf --check "$scratch/batch.pdf" | tail -1
pdfinfo "$scratch/batch.pdf" | grep Pages
unzip -l "$scratch/batch.zip" | tail -1
