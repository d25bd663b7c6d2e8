#!/usr/bin/env bash
# Benchmark 3: resident memory (VmRSS and its peak VmHWM, from /proc/PID/status) of
# `khet serve --threads 2` with the demo office after the wrk load of benchmark 2, and then
# after every API answer of the office has been asked once (every table in JSON, CSV, XLSX and
# PDF). Target: < 64 MB. For scale, the same figure of nginx (master and workers together)
# serving table 3 as a file under the same load. The peak of the sign-in before the load
# (argon2id's 64 MiB, given back) is reported apart.
#
#   bench/memory.sh
source "$(dirname "$0")/lib.sh"
bench_start wrk nginx curl python3
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
cd "$BENCH_TMP"

echo "== resident memory of khet serve (demo office) =="
bench_machine
"$KHET" demo --db demo.db --school-list "$DEMO_LIST" --accounts-file accounts.json >/dev/null
bench_start_khet demo.db 2
read -r idle_rss idle_hwm < <(bench_memory_mb "$KHET_PID")
bench_sign_in accounts.json admin.2402
# Checking a password takes argon2id's 64 MiB for its 80 ms (libsodium's interactive limits) and
# gives it back: report that peak apart, then reset VmHWM (clear_refs 5) so the figures below
# are of serving.
read -r _ signin_hwm < <(bench_memory_mb "$KHET_PID")
echo 5 >"/proc/$KHET_PID/clear_refs"
base="http://127.0.0.1:$KHET_PORT/api/v1"
mkdir -p www
bench_curl -o www/table3.json "$base/offices/2402/statistics/table3"

bench_wait_for_quiet
bench_wrk "$base/offices/2402/statistics/table3" "$SECONDS_PER_RUN" >/dev/null
read -r load_rss load_hwm < <(bench_memory_mb "$KHET_PID")

school=$(bench_curl "$base/offices/2402/schools" | python3 -c 'import json, sys; print(json.load(sys.stdin)["schools"][0]["code"])')
for path in /offices /offices/2402 /offices/2402/schools /offices/2402/validation /size-schemes \
    "/schools/$school"; do
    bench_curl -o /dev/null "$base$path"
done
for table in table1 table2 table3 table4 table6 table7 table8; do
    for format in json csv xlsx pdf; do
        bench_curl -o /dev/null "$base/offices/2402/statistics/$table?format=$format"
    done
done
bench_wrk "$base/offices/2402/statistics/table3" "$SECONDS_PER_RUN" >/dev/null
read -r all_rss all_hwm < <(bench_memory_mb "$KHET_PID")
echo "khet serve: idle ${idle_rss} MB; peak of a sign-in ${signin_hwm} MB; after wrk ${load_rss} MB" \
    "(peak since the sign-in ${load_hwm} MB); after every answer in every format ${all_rss} MB" \
    "(peak ${all_hwm} MB)"

bench_start_nginx "$BENCH_TMP/www" 2
bench_wrk "http://127.0.0.1:$NGINX_PORT/table3.json" "$SECONDS_PER_RUN" >/dev/null
nginx_rss=$(ps -o rss= -p "$NGINX_PID" --ppid "$NGINX_PID" | awk '{ kb += $1 } END { printf "%.1f", kb / 1024 }')
echo "nginx (master + 2 workers) after wrk: ${nginx_rss} MB"

bench_result "$(python3 - <<EOF
ok = $load_hwm < 64 and $all_hwm < 64
print(f"memory reference_rss_mb=$nginx_rss khet_idle_rss_mb=$idle_rss khet_rss_mb=$load_rss "
      f"khet_hwm_mb=$load_hwm khet_all_formats_rss_mb=$all_rss khet_all_formats_hwm_mb=$all_hwm "
      f"khet_signin_hwm_mb=$signin_hwm "
      f"ratio={$load_hwm / $nginx_rss:.1f} target=<64MB pass={'yes' if ok else 'no'}")
EOF
)"
