#!/usr/bin/env python3
"""Benchmark 6, driven by bench/hostile.sh: what each probe of docs/SECURITY.md ("Hostile
input") costs a running `khet serve`. For each probe: its answer, the wall time until the answer,
and the server's peak resident memory during it (VmHWM, reset before each probe through
/proc/PID/clear_refs) against its resident memory at rest just before. The 63 MB CSV is also
read by the sqlite3 shell into a bare table, the floor for the same bytes.

    hostile.py PORT PID ACCOUNTS WORK_FOLDER
"""
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zipfile

PORT, PID, ACCOUNTS, WORK = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
MB = 1024 * 1024


def memory_mb():
    fields = {}
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def reset_peak():
    with open(f"/proc/{PID}/clear_refs", "w") as refs:
        refs.write("5")


def sign_in(login):
    password = next(a["password"] for a in json.load(open(ACCOUNTS))["accounts"]
                    if a["login"] == login)
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    connection.request("POST", "/api/v1/session", json.dumps({"login": login, "password": password}),
                       {"Content-Type": "application/json"})
    reply = connection.getresponse()
    body = json.loads(reply.read())
    cookie = reply.getheader("Set-Cookie").split(";")[0]
    return {"Cookie": cookie, "X-CSRF-Token": body["csrf_token"]}


def post(path, body, headers):
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=600)
    connection.request("POST", path, body, headers)
    reply = connection.getresponse()
    return reply.status, reply.read()


def measure(name, probe, reference=None):
    time.sleep(0.5)
    rest, _ = memory_mb()
    reset_peak()
    start = time.monotonic()
    status = probe()
    seconds = time.monotonic() - start
    _, peak = memory_mb()
    line = (f"hostile probe={name} answer={status} seconds={seconds:.2f} rest_mb={rest:.0f} "
            f"peak_mb={peak:.0f} held_mb={peak - rest:.0f}")
    if reference:
        line += " " + reference
    print(line, flush=True)
    return line


planner = sign_in("planner.2402")
results = []

# Probe 2: a plan file whose strategies each list the previous one twice, 40 levels.
bomb = ['format: khet-plan/1', 'office: "2402"', 'fiscal_year: 2599', 'title: x',
        'a0: &a0 {strategy: x}']
bomb += [f'a{i}: &a{i} {{strategy: x, items: [*a{i - 1}, *a{i - 1}]}}' for i in range(1, 41)]
bomb.append('items: [*a40]')
results.append(measure("yaml_alias_bomb_40_levels", lambda: post(
    "/api/v1/offices/2402/plans?dry_run=true&filename=bomb.yaml", "\n".join(bomb).encode(),
    planner)[0]))


# Probe 3: 16 connections without a session, each sending a body of 64 MB.
def anonymous_bodies():
    answers = []
    chunk = b"x" * MB

    def one():
        connection = socket.create_connection(("127.0.0.1", PORT))
        connection.sendall(b"POST /api/v1/offices/2402/imports/census?round=2564/2 HTTP/1.1\r\n"
                           b"Host: 127.0.0.1\r\nContent-Length: 67108864\r\n\r\n")
        try:
            for _ in range(64):
                connection.sendall(chunk)
        except OSError:
            pass  # the server closed its side after answering
        answer = connection.recv(12)
        answers.append(int(answer[9:12]) if len(answer) >= 12 else 0)
        connection.close()

    threads = [threading.Thread(target=one) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return "/".join(sorted(set(str(a) for a in answers)))


results.append(measure("anonymous_64mb_bodies_x16", anonymous_bodies))

# Probe 4: an XLSX whose sheet is 1.2 GB of spaces in 1.2 MB.
bomb_path = os.path.join(WORK, "bomb.xlsx")
with zipfile.ZipFile(os.path.join(os.path.dirname(__file__), "..", "fuzz", "corpus", "xlsx",
                                  "census.xlsx")) as source, \
        zipfile.ZipFile(bomb_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
    for name in source.namelist():
        data = source.read(name)
        if name != "xl/worksheets/sheet1.xml":
            out.writestr(name, data)
            continue
        head, tail = data.split(b'<row r="2">', 1)
        with out.open(name, "w", force_zip64=True) as sheet:
            sheet.write(head + b'<row r="2">')
            spaces = b" " * (16 * MB)
            for _ in range(72):  # 1.2 GB
                sheet.write(spaces)
            sheet.write(tail)
bomb_bytes = open(bomb_path, "rb").read()
results.append(measure(f"xlsx_whitespace_bomb_{len(bomb_bytes) / MB:.1f}mb_to_1152mb", lambda: post(
    "/api/v1/offices/2402/imports/census?round=2564/2&dry_run=true&filename=bomb.xlsx",
    bomb_bytes, planner)[0]))
inflate = time.monotonic()
subprocess.run(["unzip", "-p", bomb_path, "xl/worksheets/sheet1.xml"], stdout=subprocess.DEVNULL,
               check=True)
results[-1] += f" unzip_whole_sheet_s={time.monotonic() - inflate:.2f}"
print(f"  unzip -p of the whole sheet, for scale: {time.monotonic() - inflate:.2f} s", flush=True)

# The 63 MB census CSV, dry run, and the sqlite3 shell on the same bytes.
csv_path = os.path.join(WORK, "big.csv")
csv_bytes = open(csv_path, "rb").read()
reference = subprocess.run(
    ["/usr/bin/time", "-f", "%e %M", "sqlite3", ":memory:", "-cmd",
     "CREATE TABLE enrolments (school_code TEXT, grade TEXT, male INTEGER, female INTEGER, "
     "rooms INTEGER)", f".import --csv --skip 1 {csv_path} enrolments"],
    capture_output=True, text=True, check=True).stderr.split()
results.append(measure(
    f"csv_{len(csv_bytes) / MB:.0f}mb_dry_run",
    lambda: post("/api/v1/offices/2402/imports/census?round=2564/2&dry_run=true&filename=big.csv",
                 csv_bytes, planner)[0],
    f"sqlite3_memory_s={float(reference[-2]):.2f} sqlite3_peak_mb={int(reference[-1]) / 1024:.0f}"))
national_path = os.path.join(WORK, "national.csv")
national = open(national_path, "rb").read()
results.append(measure(
    f"csv_national_{len(national) / MB:.0f}mb_dry_run",
    lambda: post("/api/v1/offices/2402/imports/census?round=2564/2&dry_run=true"
                 "&filename=national.csv", national, planner)[0]))

results_file = os.environ.get("BENCH_RESULTS")
if results_file:
    with open(results_file, "a") as out:
        out.write("\n".join(results) + "\n")
