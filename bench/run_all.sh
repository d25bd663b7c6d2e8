#!/usr/bin/env bash
# Runs the six benchmarks of docs/BENCHMARKS.md one after another (about 8 minutes) and prints
# their result lines at the end; copy the figures into docs/BENCHMARKS.md with the date.
#
#   bench/run_all.sh                 or   make bench
#   KHET=/path/to/khet bench/run_all.sh
set -euo pipefail
cd "$(dirname "$0")"
results=$(mktemp /tmp/khet-bench-results.XXXXXX)
trap 'rm -f "$results"' EXIT
export BENCH_RESULTS=$results
status=0
for bench in census_import table3_http memory national_table2 plan_pdf hostile; do
    echo
    ./"$bench".sh || { echo "run_all: $bench.sh failed" >&2; status=1; }
done
echo
echo "== results =="
cat "$results"
if grep -q 'pass=no' "$results"; then echo "run_all: a target was missed (pass=no above)"; fi
exit "$status"
