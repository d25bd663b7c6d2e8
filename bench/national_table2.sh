#!/usr/bin/env bash
# Benchmark 4: table 2 (schools by size group) over every office in the store, the national
# view: OBEC's 29,577 schools with valid ids and the national census of benchmark 1 (443,655
# rows). Target: computed in < 1 s. For scale, the same counts computed by one SQL query in the
# sqlite3 shell, which the script also checks Khet's figures against.
#
#   bench/national_table2.sh
#
# `khet stats table2 --office all` is timed whole (start, open and migrate the store, read every
# school and enrolment row, compute, write JSON), and over HTTP the first answer of
# GET /api/v1/offices/all/statistics/table2 for each size scheme (computed) and a repeated one
# (from the response cache).
source "$(dirname "$0")/lib.sh"
bench_start hyperfine sqlite3 curl python3
RUNS=${RUNS:-5}
cd "$BENCH_TMP"

echo "== table 2 of every office (national view) =="
bench_machine
bench_census_csv national.csv
"$KHET" import schools "$SCHOOL_LIST" --db national.db | head -n 1
"$KHET" import census national.csv --round "$ROUND" --db national.db | head -n 1
sqlite3 national.db 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

cat >table2.sql <<'EOF'
WITH totals AS (
    SELECT s.code, COALESCE(SUM(e.male + e.female), 0) AS students
    FROM schools s
    LEFT JOIN enrolments e ON e.school_code = s.code AND e.academic_year = 2564 AND e.round = 2
    WHERE s.affiliation = 'สพฐ.' AND s.active = 1
    GROUP BY s.code)
SELECT b.ordinal, COUNT(t.code), COALESCE(SUM(t.students), 0)
FROM size_bands b
LEFT JOIN totals t ON t.students >= b.min_students
    AND (b.max_students IS NULL OR t.students <= b.max_students)
WHERE b.scheme_code = 'seed003'
GROUP BY b.ordinal ORDER BY b.ordinal;
EOF

"$KHET" stats table2 --office all --format json --db national.db >table2.json
sqlite3 -separator ' ' national.db <table2.sql >table2-sql.txt
python3 - table2.json table2-sql.txt <<'EOF'
import json, sys
table = json.load(open(sys.argv[1]))
khet = [(str(int(r["cells"][0]["value"])), str(r["cells"][2]["value"]), str(r["cells"][4]["value"]))
        for r in table["rows"] if r["role"] == "body"]
sql = [tuple(line.split()) for line in open(sys.argv[2])]
for (no, schools, students) in khet:
    print(f"  size group {no}: {schools} schools, {students} students")
if khet != sql:
    sys.exit(f"bench: Khet's table 2 {khet} differs from SQL's {sql}")
print("  the same counts as the SQL query")
EOF

bench_wait_for_quiet
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json timing.json \
    "sqlite3 national.db < table2.sql" \
    "$KHET stats table2 --office all --format json --db national.db"

# The national view is the system administrator's: the demo accounts give one.
"$KHET" demo --db national.db --if-empty --accounts-file accounts.json >/dev/null
bench_start_khet national.db 2
bench_sign_in accounts.json sysadmin
base="http://127.0.0.1:$KHET_PORT/api/v1"
bench_curl -o /dev/null "$base/size-schemes"  # each thread opens its store on first use
bench_curl -o /dev/null "$base/size-schemes"
: >computed.txt
for scheme in seed003 seed000 obec7; do
    bench_curl -o /dev/null -w '%{time_total}\n' "$base/offices/all/statistics/table2?scheme=$scheme" >>computed.txt
done
: >cached.txt
for _ in 1 2 3; do
    bench_curl -o /dev/null -w '%{time_total}\n' "$base/offices/all/statistics/table2?scheme=seed003" >>cached.txt
done
http_computed=$(bench_median <computed.txt)
http_cached=$(bench_median <cached.txt)

bench_result "$(python3 - timing.json "$http_computed" "$http_cached" <<'EOF'
import json, statistics, sys
sql, khet = (statistics.median(r["times"]) for r in json.load(open(sys.argv[1]))["results"])
computed, cached = float(sys.argv[2]), float(sys.argv[3])
ok = khet < 1.0 and computed < 1.0
print(f"national_table2 schools=29577 rows=443655 reference_s={sql:.3f} khet_s={khet:.3f} "
      f"ratio={khet / sql:.2f} target=<1s pass={'yes' if ok else 'no'} "
      f"http_computed_s={computed:.3f} http_cached_s={cached:.4f}")
EOF
)"
