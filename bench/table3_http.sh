#!/usr/bin/env bash
# Benchmark 2: GET /api/v1/offices/2402/statistics/table3 of the demo office from `khet serve`
# against nginx serving the same bytes as a static file, both on 127.0.0.1 with 2 threads or
# workers, under `wrk -t2 -c64 -d10s --latency`. Target: Khet ≥ 0.7 × nginx's requests/s and
# Khet's p99 < 10 ms.
#
#   bench/table3_http.sh              3 rounds of 10 s each, alternating which goes first
#   ROUNDS=5 SECONDS_PER_RUN=10 bench/table3_http.sh
#
# wrk and both servers share the machine's 2 CPUs, as they would on a small office server.
source "$(dirname "$0")/lib.sh"
bench_start wrk nginx curl python3
ROUNDS=${ROUNDS:-3}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
THREADS=${THREADS:-2}
PATH_TABLE3=/api/v1/offices/2402/statistics/table3
cd "$BENCH_TMP"

echo "== table 3 over HTTP: khet serve vs nginx static file =="
bench_machine
"$KHET" demo --db demo.db --school-list "$DEMO_LIST" --accounts-file accounts.json >/dev/null
bench_start_khet demo.db "$THREADS"
bench_sign_in accounts.json admin.2402  # every request below carries the session cookie
mkdir -p www
bench_curl -o www/table3.json "http://127.0.0.1:$KHET_PORT$PATH_TABLE3"
bench_start_nginx "$BENCH_TMP/www" "$THREADS"
KHET_URL="http://127.0.0.1:$KHET_PORT$PATH_TABLE3"
NGINX_URL="http://127.0.0.1:$NGINX_PORT/table3.json"
curl -fsS "$NGINX_URL" | cmp - www/table3.json
bench_curl "$KHET_URL" | cmp - www/table3.json
echo "body: $(stat -c %s www/table3.json) bytes, identical from both servers"

bench_wait_for_quiet
bench_wrk "$NGINX_URL" 2 >/dev/null  # warm-up: caches, page faults, TCP
bench_wrk "$KHET_URL" 2 >/dev/null
: >nginx.txt
: >khet.txt
for round in $(seq "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then order="nginx khet"; else order="khet nginx"; fi
    for server in $order; do
        if [ "$server" = nginx ]; then url=$NGINX_URL; else url=$KHET_URL; fi
        figures=$(bench_wrk "$url" "$SECONDS_PER_RUN")
        echo "round $round $server: $figures (requests/s, p99 ms, socket errors)"
        echo "$figures" >>"$server.txt"
    done
done

nginx_rps=$(cut -d' ' -f1 nginx.txt | bench_median)
khet_rps=$(cut -d' ' -f1 khet.txt | bench_median)
nginx_p99=$(cut -d' ' -f2 nginx.txt | bench_median)
khet_p99=$(cut -d' ' -f2 khet.txt | bench_median)
khet_p99_worst=$(cut -d' ' -f2 khet.txt | sort -g | tail -n 1)
khet_errors=$(awk '{ n += $3 } END { print n + 0 }' khet.txt)
read -r rss hwm < <(bench_memory_mb "$KHET_PID")
bench_result "$(python3 - <<EOF
ratio = $khet_rps / $nginx_rps
ok = ratio >= 0.7 and $khet_p99 < 10 and $khet_errors == 0
print(f"table3_http rounds=$ROUNDS seconds=$SECONDS_PER_RUN threads=$THREADS "
      f"reference_rps=$nginx_rps khet_rps=$khet_rps ratio={ratio:.2f} target=>=0.70,p99<10ms "
      f"reference_p99_ms=$nginx_p99 khet_p99_ms=$khet_p99 khet_p99_worst_ms=$khet_p99_worst "
      f"khet_socket_errors=$khet_errors pass={'yes' if ok else 'no'} khet_rss_mb=$rss khet_hwm_mb=$hwm")
EOF
)"
