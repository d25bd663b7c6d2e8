# Sourced by the bench scripts: a temporary folder removed on exit, servers stopped on exit,
# machine facts, waiting out builds, medians, the synthetic national census, nginx and wrk.
# Everything listens on 127.0.0.1 only.

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
KHET=${KHET:-$REPO_DIR/build/khet}
# OBEC's list of every school (29,579 rows); see /work/shared/data/README.md.
SCHOOL_LIST=${SCHOOL_LIST:-/work/shared/data/obec_schools_2022-09.tsv}
DEMO_LIST=$REPO_DIR/data/demo/obec_schools_2402.tsv
ROUND=2564/2

BENCH_PIDS=()
BENCH_TMP=""

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=()
    if [ -n "$BENCH_TMP" ]; then rm -rf "$BENCH_TMP"; fi
}

# Makes $BENCH_TMP and arranges for it and every started server to go on exit.
bench_start() {
    BENCH_TMP=$(mktemp -d /tmp/khet-bench.XXXXXX)
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
    done
    [ -x "$KHET" ] || { echo "bench: no $KHET: cmake --build build --target khet" >&2; exit 2; }
}

# Stops one server started by this script, by its pid.
bench_stop() {
    local pid=$1 kept=() other
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    for other in "${BENCH_PIDS[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
    BENCH_PIDS=("${kept[@]+"${kept[@]}"}")
}

# A compiler run on this 2-core machine halves every figure: wait for it (up to 10 minutes).
bench_wait_for_quiet() {
    local waited=0
    while pgrep -f 'ninja|cc1plus' >/dev/null; do
        if [ "$waited" -eq 0 ]; then echo "bench: waiting for a build to finish..." >&2; fi
        if [ "$waited" -ge 600 ]; then
            echo "bench: WARNING a build is still running; figures below are disturbed" >&2
            return 0
        fi
        sleep 5
        waited=$((waited + 5))
    done
}

bench_machine() {
    local build_type
    build_type=$(grep -m1 '^CMAKE_BUILD_TYPE:' "$(dirname "$KHET")/CMakeCache.txt" 2>/dev/null | cut -d= -f2 || true)
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
        "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)"
    # CMakeLists.txt builds RelWithDebInfo (-O2 -g) when no type is given.
    echo "khet:    $KHET, commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo '?')" \
        "+ working tree, ${build_type:-RelWithDebInfo}"
}

# Median of the numbers on stdin, one per line.
bench_median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Appends one result line for run_all.sh; also printed.
bench_result() {
    local line="$*"
    echo "RESULT $line"
    if [ -n "${BENCH_RESULTS:-}" ]; then echo "$line" >>"$BENCH_RESULTS"; fi
}

bench_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The flat census of every school in $SCHOOL_LIST × every grade (อ.1–ม.6), skipping the list's
# two 9-digit ids: 29,577 × 15 = 443,655 rows, as many as one round of the real list can hold.
# With $2 > 443,655, made-up schools 99xxxxxxxx of office 9999 fill the file up to $2 rows, and
# their list goes to $3 (school_code,name,office_code). Counts are deterministic: 45% of schools
# small (0–4 a grade and sex), 35% middle, 15% large, 5% very large.
bench_census_csv() {
    local out=$1 rows=${2:-0} extra_list=${3:-/dev/null}
    awk -F '\t' -v rows="$rows" -v extra="$extra_list" '
        function school(code, idx,   h, lo, hi, g, m, f) {
            h = (idx * 2654435761) % 1000
            if (h < 450) { lo = 0; hi = 4 } else if (h < 800) { lo = 3; hi = 20 }
            else if (h < 950) { lo = 10; hi = 45 } else { lo = 30; hi = 110 }
            for (g = 1; g <= 15 && (rows == 0 || written < rows); g++) {
                seed = (seed * 16807) % 2147483647; m = lo + seed % (hi - lo + 1)
                seed = (seed * 16807) % 2147483647; f = lo + seed % (hi - lo + 1)
                print code "," grade[g] "," m "," f "," 1 + int((m + f) / 40)
                written++
            }
        }
        BEGIN {
            split("อ.1 อ.2 อ.3 ป.1 ป.2 ป.3 ป.4 ป.5 ป.6 ม.1 ม.2 ม.3 ม.4 ม.5 ม.6", grade, " ")
            seed = 42; written = 0
            print "school_code,grade,male,female,rooms"
        }
        NR > 1 && length($7) == 10 && $7 ~ /^[0-9]+$/ { school($7, ++schools) }
        END {
            if (rows > 0) print "school_code,name,office_code" > extra
            while (rows > 0 && written < rows) {
                code = sprintf("99%08d", ++made_up)
                print code ",โรงเรียนสมมุติ " made_up ",9999" > extra
                school(code, ++schools)
            }
        }' "$SCHOOL_LIST" >"$out"
}

# Starts `khet serve` on a free port; sets KHET_PID and KHET_PORT.
bench_start_khet() {
    local database=$1 threads=${2:-2} port_file="$BENCH_TMP/khet.port"
    rm -f "$port_file"
    "$KHET" serve --db "$database" --port 0 --port-file "$port_file" --web "$BENCH_TMP/no-web" \
        --threads "$threads" 2>>"$BENCH_TMP/khet-serve.log" &
    KHET_PID=$!
    BENCH_PIDS+=("$KHET_PID")
    for _ in $(seq 100); do [ -s "$port_file" ] && break; sleep 0.1; done
    [ -s "$port_file" ] || { cat "$BENCH_TMP/khet-serve.log" >&2; exit 1; }
    KHET_PORT=$(cat "$port_file")
}

# Starts nginx in the foreground serving folder $1 with $2 workers; sets NGINX_PID and
# NGINX_PORT. Tuned as a production static server would be (sendfile, open file cache,
# unlimited keep-alive requests), so the reference is not handicapped.
bench_start_nginx() {
    local root=$1 workers=${2:-2} dir="$BENCH_TMP/nginx"
    mkdir -p "$dir/tmp"
    # nginx's workers run as www-data: they must be able to read the file.
    chmod 755 "$BENCH_TMP" "$root"
    chmod 644 "$root"/*
    NGINX_PORT=$(bench_free_port)
    cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $workers;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    open_file_cache max=64;
    keepalive_requests 1000000;
    client_body_temp_path $dir/tmp;
    proxy_temp_path $dir/tmp;
    fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp;
    scgi_temp_path $dir/tmp;
    types { application/json json; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $root;
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    NGINX_PID=$!
    BENCH_PIDS+=("$NGINX_PID")
    for _ in $(seq 50); do
        curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break
        sleep 0.1
    done
}

# Signs in to the running `khet serve` as LOGIN with its password from ACCOUNTS (the file of
# `khet demo --accounts-file`); sets KHET_COOKIE ("khet_session=…") for bench_curl and bench_wrk.
bench_sign_in() {
    local accounts=$1 login=$2 password
    password=$(python3 -c 'import json, sys
print(next(a["password"] for a in json.load(open(sys.argv[1]))["accounts"] if a["login"] == sys.argv[2]))' \
        "$accounts" "$login")
    KHET_COOKIE=$(curl -fsS -o /dev/null -c - -H 'Content-Type: application/json' \
        --data "{\"login\":\"$login\",\"password\":\"$password\"}" \
        "http://127.0.0.1:$KHET_PORT/api/v1/session" | awk '$6 == "khet_session" { print $6 "=" $7 }')
    [ -n "$KHET_COOKIE" ] || { echo "bench: could not sign in as $login" >&2; exit 1; }
}

# curl with the session of bench_sign_in.
bench_curl() {
    curl -fsS -H "Cookie: $KHET_COOKIE" "$@"
}

# Runs wrk against a URL (with the session of bench_sign_in when it is one of khet's); prints
# "requests_per_second p99_ms socket_errors". A non-2xx answer fails: the figure would not be of
# the page asked for.
bench_wrk() {
    local url=$1 seconds=${2:-10} header=()
    if [ -n "${KHET_PORT:-}" ] && [[ $url == "http://127.0.0.1:$KHET_PORT/"* ]]; then
        header=(-H "Cookie: $KHET_COOKIE")
    fi
    wrk -t2 -c64 -d"${seconds}s" --latency "${header[@]}" "$url" | awk '
        function ms(text) {
            if (text ~ /us$/) return substr(text, 1, length(text) - 2) / 1000
            if (text ~ /ms$/) return substr(text, 1, length(text) - 2) + 0
            if (text ~ /s$/) return substr(text, 1, length(text) - 1) * 1000
            return text
        }
        /Requests\/sec/ { rps = $2 }
        /^ +99%/ { p99 = ms($2) }
        /Socket errors/ { gsub(/,/, ""); errors = $4 + $6 + $8 + $10 }
        /Non-2xx/ { bad = $NF }
        END { if (bad > 0) { print "bench: non-2xx answers: " bad > "/dev/stderr"; exit 1 }
              printf "%.0f %.2f %d\n", rps, p99, errors }'
}

# VmRSS and VmHWM of a process, in MB.
bench_memory_mb() {
    awk '/^VmRSS/ { rss = $2 } /^VmHWM/ { hwm = $2 } END { printf "%.1f %.1f\n", rss / 1024, hwm / 1024 }' \
        "/proc/$1/status"
}
