#!/usr/bin/env bash
# Set up the machine, build the service and show it working on demo data: renders the sample
# conversion certificate (zh and en) to out/ with PNG previews.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product creditbank
mkdir -p out
for t in conversion-certificate.zh conversion-certificate.en; do
  .build/release/creditbank render --template "$t" --out "out/$t.pdf" --png "out/$t.png"
done
echo "demo: open out/conversion-certificate.zh.pdf (or the .png previews)"
