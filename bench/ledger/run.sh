#!/usr/bin/env bash
# Benchmark: one synthetic general ledger through kessan trial-balance, ledger bal, hledger bal -Q and bean-query.
# usage: bench/ledger/run.sh [TRANSACTIONS=1000000] [WORK_DIR=/tmp/kessan-bench] [KESSAN_RUNS=3]   (KESSAN=PATH: time that executable, no publish)
# Prints a table of wall time and peak memory (from /usr/bin/time -v) and checks that kessan's totals equal ledger's.
set -euo pipefail
N=${1:-1000000}
WORK=${2:-/tmp/kessan-bench}
RUNS=${3:-3}
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="$WORK/$N"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
command -v ledger >/dev/null || need+=(ledger)
command -v hledger >/dev/null || need+=(hledger)
command -v bean-query >/dev/null || need+=(beancount)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -s "$DATA/ledger.journal" ] || [ ! -s "$DATA/ledger.beancount" ]; then
  echo "generating $N transactions in $DATA ..." >&2
  python3 "$HERE/gen_journal.py" "$N" "$DATA"
fi

# Kessan as the README installs it: the native executable (Native AOT), so that start-up and JIT compilation do not
# count against a sub-second run. KESSAN=PATH times an executable already published instead.
if [ -z "${KESSAN:-}" ]; then
  echo "publishing kessan (Release, Native AOT) ..." >&2
  dotnet publish "$ROOT/src/Kessan.Cli" -c Release -o "$WORK/kessan-bin" -v quiet -nologo >/dev/null
  dotnet build-server shutdown >/dev/null 2>&1 || true
  KESSAN="$WORK/kessan-bin/kessan"
fi

JOURNAL="$DATA/ledger.journal"
POSTINGS=$(grep -c '^    ' "$JOURNAL")
SIZE_MB=$(( $(stat -c %s "$JOURNAL") / 1000000 ))
RESULTS="$WORK/results-$N.tsv"
: > "$RESULTS"

# measure NAME OUTFILE CMD... : runs CMD under /usr/bin/time -v, appends "name<TAB>seconds<TAB>peak KB".
measure() {
  local name=$1 out=$2; shift 2
  local tlog="$WORK/time.log"
  if ! /usr/bin/time -v -o "$tlog" "$@" > "$out" 2> "$WORK/$name.err"; then
    echo "$name failed; see $WORK/$name.err" >&2
    printf '%s\tfailed\t-\t-\t-\n' "$name" >> "$RESULTS"
    return
  fi
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tlog")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tlog")
  cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s}' "$tlog")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$wall" "$rss" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)" >> "$RESULTS"
  echo "  $name: ${wall}s wall, ${cpu}s cpu, $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)" >&2
}

echo "running on $N transactions ($POSTINGS postings, $SIZE_MB MB), $(nproc) processors ..." >&2
for i in $(seq 1 "$RUNS"); do
  measure "kessan#$i" "$WORK/kessan.csv" "$KESSAN" trial-balance "$JOURNAL" --by quarter --format csv
done
if [ "${ONLY_KESSAN:-0}" = 1 ]; then
  cat "$RESULTS"; exit 0
fi
measure ledger "$WORK/ledger.txt" ledger -f "$JOURNAL" bal --flat --no-total -F '%(account)\t%(display_total)\n'
measure hledger "$WORK/hledger.txt" hledger -f "$JOURNAL" bal -Q
measure bean-query "$WORK/bean.txt" bean-query "$DATA/ledger.beancount" \
  "SELECT account, quarter(date) AS q, sum(position) GROUP BY account, q"

# Agreement: kessan's totals per account (all quarters) against ledger's balance.
AGREE=$(python3 - "$WORK/kessan.csv" "$WORK/ledger.txt" <<'PY'
import csv, sys
from decimal import Decimal
ours = {}
with open(sys.argv[1]) as f:
    for row in csv.DictReader(f):
        ours[row["account"]] = ours.get(row["account"], Decimal(0)) + Decimal(row["amount"])
ours = {k: v for k, v in ours.items() if v != 0}
theirs = {}
with open(sys.argv[2]) as f:
    for line in f:
        if "\t" in line:
            a, v = line.rstrip("\n").split("\t")
            theirs[a] = Decimal(v.replace("JPY", "").replace(",", "").strip())
print("agree" if ours == theirs and ours else f"DIFFER ({len(ours)} vs {len(theirs)} accounts)")
PY
)

python3 - "$RESULTS" "$POSTINGS" "$N" "$SIZE_MB" "$AGREE" "$(nproc)" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
postings, n, size, agree, cpus = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
kessan = [r for r in rows if r[0].startswith("kessan#") and r[1] != "failed"]
others = [r for r in rows if not r[0].startswith("kessan#")]
table = []
if kessan:
    med = sorted(kessan, key=lambda r: float(r[1]))[(len(kessan) - 1) // 2]
    table.append(("kessan trial-balance --by quarter", med))
names = {"ledger": "ledger bal (3.3)", "hledger": "hledger bal -Q (1.25)", "bean-query": "bean-query, sum by quarter (2.3.5)"}
for r in others:
    table.append((names.get(r[0], r[0]), r))
k = float(table[0][1][1]) if kessan else None
print(f"\n{n:,} transactions, {postings:,} postings, {size} MB journal, {cpus} processors; kessan totals vs ledger bal: {agree}\n")
print("| tool | wall s | CPU s | peak RSS MB | postings/s (wall) | kessan faster (wall) | load avg at end |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, r in table:
    if r[1] == "failed":
        print(f"| {name} | failed | | | | | |")
        continue
    wall, rss, cpu, load = float(r[1]), int(r[2]), float(r[3]), r[4]
    ratio = f"{wall / k:.1f}x" if k and r is not table[0][1] else ""
    print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss / 1024:.0f} | {postings / wall / 1e6:.2f} M | {ratio} | {load} |")
if kessan:
    print("\nkessan runs (wall s): " + ", ".join(r[1] for r in kessan) + "; the table shows the median.")
PY
