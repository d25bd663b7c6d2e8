#!/usr/bin/env bash
# Benchmark 6: what each probe of docs/SECURITY.md ("Hostile input") costs `khet serve
# --threads 2` with the demo office: its answer, the time until it, and the server's peak
# resident memory during it against its memory at rest (bench/hostile.py says how). Targets:
# no probe holds more than 200 MB over the server at rest or takes more than a few seconds; the
# 63 MB CSV dry run well under the 629 MB it once took.
#
#   bench/hostile.sh
source "$(dirname "$0")/lib.sh"
bench_start python3 sqlite3 unzip
cd "$BENCH_TMP"

echo "== hostile input: what each probe costs the server =="
bench_machine
"$KHET" demo --db demo.db --school-list "$DEMO_LIST" --accounts-file accounts.json >/dev/null
bench_census_csv national.csv
# 2,770,000 rows of about 24 bytes: the 63 MB file of the probe.
bench_census_csv big.csv 2770000 made_up_schools.csv
ls -l national.csv big.csv | awk '{ printf "  %s: %.1f MB\n", $9, $5 / 1048576 }'
bench_start_khet demo.db 2
bench_wait_for_quiet
python3 "$BENCH_DIR/hostile.py" "$KHET_PORT" "$KHET_PID" accounts.json "$BENCH_TMP"
