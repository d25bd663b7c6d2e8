#!/usr/bin/env bash
# Benchmark 1: `khet import census` of a national flat CSV against `sqlite3 .import` of the same
# file into a bare table, timed by hyperfine in one run. Target: Khet ≤ 2 × sqlite3.
#
#   bench/census_import.sh            the national file (443,655 rows) and the 1,000,000-row file
#   RUNS=10 bench/census_import.sh    more runs per command (default 5, in each of two passes)
#
# Khet's import parses and checks every row (known school, grade, counts, duplicates), then
# replaces the round in one transaction into `enrolments` with its primary key, foreign key to
# `schools` and CHECKs, in WAL mode. sqlite3 .import parses the CSV and inserts into a table
# with no key, no index and no constraint (rollback journal): the floor for these bytes.
source "$(dirname "$0")/lib.sh"
bench_start hyperfine sqlite3 python3
RUNS=${RUNS:-5}
cd "$BENCH_TMP"

echo "== census import: Khet vs sqlite3 .import =="
bench_machine
echo "preparing files in $BENCH_TMP ..."
bench_census_csv national.csv
bench_census_csv million.csv 1000000 made_up_schools.csv
"$KHET" import schools "$SCHOOL_LIST" --db national.db >/dev/null
cp national.db million.db
"$KHET" import schools made_up_schools.csv --db million.db >/dev/null
for db in national.db million.db; do sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null; done
# A store that already holds the round: the import then also deletes the round's old rows.
cp national.db national-again.db
"$KHET" import census national.csv --round "$ROUND" --db national-again.db >/dev/null
sqlite3 national-again.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

reference_cmd() {
    echo "sqlite3 reference.db -cmd 'CREATE TABLE enrolments (school_code TEXT, grade TEXT," \
        "male INTEGER, female INTEGER, rooms INTEGER)' '.import --csv --skip 1 $1 enrolments'"
}
khet_cmd() { echo "$KHET import census $1 --round $ROUND --db work.db"; }

# Two hyperfine passes in opposite orders, so a drift of the machine's speed during the run
# weighs on both commands alike; the medians pool both passes.
measure() {
    local name=$1 csv=$2 base=$3 rows
    rows=$(($(wc -l <"$csv") - 1))
    bench_wait_for_quiet
    local -a commands=(
        --prepare 'rm -f reference.db' "$(reference_cmd "$csv")"
        --prepare "cp $base work.db && rm -f work.db-wal work.db-shm" "$(khet_cmd "$csv")"
    )
    local -a reversed=(
        --prepare "cp $base work.db && rm -f work.db-wal work.db-shm" "$(khet_cmd "$csv")"
        --prepare 'rm -f reference.db' "$(reference_cmd "$csv")"
    )
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$name-1.json" "${commands[@]}"
    hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$name-2.json" "${reversed[@]}"
    python3 - "$name" "$rows" "$name-1.json" "$name-2.json" <<'EOF' | tee -a results.txt
import json, statistics, sys
name, rows, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times = {}
for path in files:
    for result in json.load(open(path))["results"]:
        kind = "sqlite3" if result["command"].startswith("sqlite3") else "khet"
        times.setdefault(kind, []).extend(result["times"])
ref, khet = statistics.median(times["sqlite3"]), statistics.median(times["khet"])
ratio = khet / ref
print(f"census_import name={name} rows={rows} runs={len(times['khet'])} "
      f"reference_s={ref:.3f} khet_s={khet:.3f} ratio={ratio:.2f} target=<=2.00 "
      f"pass={'yes' if ratio <= 2.0 else 'no'} khet_rows_per_s={rows / khet:.0f}")
EOF
}

measure national national.csv national.db
measure million million.csv million.db

# Where Khet's time goes, for the record: reading and checking alone (--dry-run), and the
# import of a round the store already holds.
bench_wait_for_quiet
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json parts.json \
    "$KHET import census national.csv --round $ROUND --db national.db --dry-run" \
    --prepare "cp national-again.db work.db && rm -f work.db-wal work.db-shm" \
    "$(khet_cmd national.csv)"
python3 - parts.json <<'EOF' | tee -a results.txt
import json, statistics, sys
dry, again = (statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"])
print(f"census_import_parts rows=443655 dry_run_s={dry:.3f} replace_existing_round_s={again:.3f}")
EOF

while read -r line; do bench_result "$line"; done <results.txt
