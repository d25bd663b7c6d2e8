#!/usr/bin/env bash
# Benchmark 5 (issue 4): a plan of at least 40 pages printed as PDF by `khet plan export`, in
# under a second; for scale, LibreOffice (headless) converting an equivalent document to PDF.
#
#   bench/plan_pdf.sh                  KHET=/path/to/khet bench/plan_pdf.sh
#
# The plan is seed 002's (data/plans/002-9202-2562.yaml) with its six strategies, their
# guidelines and KPIs written COPIES times (default 4: 24 strategies, 128 KPIs), made by
# bench/plan_pdf.py, which also writes the same text in the same order as a flat ODT for
# LibreOffice (cover, contents, headings, every item's paragraph, the KPI table as a real table
# with the same 7 columns and rows; A4, Khet's margins, Laksaman 10.5 pt as Khet's PDF). Both
# PDFs' pages are counted with pdfinfo; Khet's must have at least 40.
#
# Timed whole, each as one process from start to exit: `khet plan export --format pdf` (open
# the store, read the plan, lay out, write the PDF), the same with --thai-digits, and `soffice
# --headless --convert-to pdf` with a profile of its own (and, for scale, converting a document
# of one line: what its start costs by itself). LibreOffice's first start creates that
# profile (reported, not counted); hyperfine then warms each command up once and runs it RUNS
# times, twice, the second time in the opposite order; the figures are the medians of both.
source "$(dirname "$0")/lib.sh"

# What this benchmark needs that lib.sh's tools do not: installed from Debian when missing
# (as root, without a prompt), as hyperfine was.
plan_pdf_install() {
    local package=$1
    shift
    "$@" >/dev/null 2>&1 && return 0  # the check: present already
    if [ "$(id -u)" -ne 0 ]; then
        echo "bench: $package is missing: apt-get install $package" >&2
        exit 2
    fi
    echo "bench: installing $package" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$package" >&2
}
plan_pdf_install libreoffice-writer-nogui command -v soffice
plan_pdf_install hyperfine command -v hyperfine
plan_pdf_install poppler-utils command -v pdfinfo
plan_pdf_install python3-yaml python3 -c 'import yaml'

bench_start hyperfine soffice pdfinfo pdftotext python3
RUNS=${RUNS:-5}
COPIES=${COPIES:-4}
OFFICE=9202
YEAR=2562
cd "$BENCH_TMP"

echo "== plan PDF of at least 40 pages, Khet and LibreOffice =="
bench_machine
echo "tools:   $(soffice --version 2>/dev/null | head -n 1), $(hyperfine --version), $(pdfinfo -v 2>&1 | head -n 1)"

python3 "$BENCH_DIR/plan_pdf.py" "$REPO_DIR/data/plans/002-9202-2562.yaml" "$COPIES" plan.yaml plan.fodt
"$KHET" plan import "$REPO_DIR/data/frameworks/obec-2562.yaml" plan.yaml --db plan.db | head -n 1
mkdir -p out lo

export_args=("$KHET" plan export --office "$OFFICE" --year "$YEAR" --format pdf --db plan.db -o out/khet.pdf)
thai_args=("$KHET" plan export --office "$OFFICE" --year "$YEAR" --format pdf --thai-digits --db plan.db
    -o out/khet-thai.pdf)
lo_args=(soffice "-env:UserInstallation=file://$BENCH_TMP/lo-profile" --headless --convert-to pdf --outdir lo
    plan.fodt)
# For scale: LibreOffice starting, converting a document of one line, and stopping.
cat >line.fodt <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"
 office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p>กรอบนโยบาย ประจำปีงบประมาณ พ.ศ.2562</text:p></office:text></office:body>
</office:document>
EOF
# The same commands as hyperfine runs them (no path here holds a space).
export_cmd="${export_args[*]}"
thai_cmd="${thai_args[*]}"
lo_cmd="${lo_args[*]}"
line_cmd="${lo_cmd% *} line.fodt"

pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# The characters of a PDF's text other than white space: the two documents hold the same text.
characters() { pdftotext "$1" - | tr -d ' \t\n\f' | wc -m; }

"${export_args[@]}" 2>/dev/null
"${thai_args[@]}" 2>/dev/null
khet_pages=$(pages out/khet.pdf)
thai_pages=$(pages out/khet-thai.pdf)
started=$(date +%s%N)
"${lo_args[@]}" >lo/first-run.log 2>&1 || { cat lo/first-run.log >&2; exit 1; }
first_start=$(awk -v ns=$(($(date +%s%N) - started)) 'BEGIN { printf "%.2f", ns / 1e9 }')
lo_pages=$(pages lo/plan.pdf)
echo "  Khet's PDF: $khet_pages pages ($(stat -c %s out/khet.pdf) bytes), with --thai-digits $thai_pages pages"
echo "  LibreOffice's PDF of plan.fodt: $lo_pages pages ($(stat -c %s lo/plan.pdf) bytes); its first" \
    "start, which creates its profile, took $first_start s (not counted)"
echo "  text other than white space: Khet $(characters out/khet.pdf) characters, LibreOffice" \
    "$(characters lo/plan.pdf) (Khet repeats the table's caption with \"(ต่อ)\" on every page)"
if [ "$khet_pages" -lt 40 ]; then
    echo "bench: Khet's PDF has $khet_pages pages, fewer than 40: raise COPIES" >&2
    exit 1
fi

bench_wait_for_quiet
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json timing1.json \
    "$export_cmd" "$thai_cmd" "$lo_cmd" "$line_cmd"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json timing2.json \
    "$line_cmd" "$lo_cmd" "$thai_cmd" "$export_cmd"

bench_result "$(python3 - timing1.json timing2.json "$export_cmd" "$thai_cmd" "$lo_cmd" "$line_cmd" \
    "$khet_pages" "$lo_pages" <<'EOF'
import json, statistics, sys
times = {}
for path in sys.argv[1:3]:
    for result in json.load(open(path))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
khet, thai, lo, line = (statistics.median(times[c]) for c in sys.argv[3:7])
pages, lo_pages = sys.argv[7:9]
print(f"plan_pdf pages={pages} reference_pages={lo_pages} reference_s={lo:.3f} khet_s={khet:.3f} "
      f"khet_thai_digits_s={thai:.3f} libreoffice_over_khet={lo / khet:.2f} target=<1s "
      f"pass={'yes' if khet < 1.0 and thai < 1.0 else 'no'} runs={len(times[sys.argv[3]])} "
      f"reference_one_line_s={line:.3f}")
EOF
)"
