#!/usr/bin/env bash
# The speed targets of the native kessan, measured side by side in one run and printed as a table:
# whole-process verify of the reference release and of a 2 MB real HTML release, build of the bundled example,
# the 1M-transaction trial balance against `cat` of the same file and against ledger-cli, CSV against journal for the
# same group ledgers, and peak memory as the journal grows.
# usage: bench/targets/run.sh [RUNS=7] [WORK_DIR=/tmp/kessan-targets]   (KESSAN=PATH: time that executable, no publish)
# Needs python3; ledger-cli is used when installed (apt-get install -y ledger), its row is skipped otherwise.
set -euo pipefail
RUNS=${1:-7}
WORK=${2:-/tmp/kessan-targets}
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"
P() { python3 "$HERE/paired.py" "$@"; }

if [ -n "${KESSAN:-}" ]; then
  K="$KESSAN" # an executable already published
else
  echo "publishing the native kessan ..." >&2
  dotnet publish "$ROOT/src/Kessan.Cli" -c Release -o "$WORK/bin" -v quiet -nologo >/dev/null
  dotnet build-server shutdown >/dev/null 2>&1 || true
  K="$WORK/bin/kessan"
fi
[ -x "$K" ] || { echo "no executable at $K" >&2; exit 1; }
if [ ! -s "$WORK/1m/ledger.journal" ]; then
  echo "generating the 1M-transaction journal ..." >&2
  python3 "$ROOT/bench/ledger/gen_journal.py" 1000000 "$WORK/1m" >/dev/null
fi
J="$WORK/1m/ledger.journal"
if [ ! -d "$WORK/group" ]; then
  echo "synthesizing 1M transactions of group ledgers ..." >&2
  "$K" synth-ledger "$ROOT/examples/iij-2003q1" --transactions 1000000 --out "$WORK/group" >/dev/null
fi
journals=$(cd "$WORK/group" && ls *.journal | sed "s|^|$WORK/group/|" | tr '\n' ' ')
csvs=$(cd "$WORK/group/csv" && ls *.csv | sed "s|^|$WORK/group/csv/|" | tr '\n' ' ')
if [ ! -s "$WORK/5m.journal" ]; then
  for _ in 1 2 3 4 5; do cat "$J"; done > "$WORK/5m.journal"
  python3 "$ROOT/bench/ledger/gen_journal.py" 100000 "$WORK/100k" >/dev/null
  mv "$WORK/100k/ledger.journal" "$WORK/100k.journal"
fi

SEED="$ROOT/tests/data/seeds/002_55af39662756e4d2.txt"
HTML="$ROOT/tests/data/releases/xom_2025q2_10q.html"
TB="trial-balance --by quarter --format csv"
echo "timing ($RUNS runs each, paired where two commands are compared) ..." >&2
{
  echo "verify_seed $(P "$RUNS" "$K verify $SEED")"
  echo "verify_html $(P "$RUNS" "$K verify $HTML")"
  echo "build $(P "$RUNS" "$K build $ROOT/examples/iij-2003q1 --out $WORK/out --format txt,md,html,xlsx,xhtml")"
  echo "tb_cat $(P "$RUNS" "$K $TB $J" "cat $J > /dev/null")"
  echo "csv_journal $(P "$RUNS" "$K $TB $csvs" "$K $TB $journals")"
  for f in 100k.journal 1m/ledger.journal 5m.journal; do echo "memory_$(basename "$f") $(P 3 "$K $TB $WORK/$f")"; done
  if command -v ledger >/dev/null; then
    echo "tb_ledger $(P 3 "$K $TB $J" "ledger -f $J bal --flat --no-total")"
  fi
} > "$WORK/results.txt"

python3 - "$WORK/results.txt" <<'PY'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    name, _, data = line.partition(" ")
    rows[name] = json.loads(data)
def m(r, i, k): return r["commands"][i][k]["median"]
def spread(r, i, k): c = r["commands"][i][k]; return f'{c["median"]:.3f} ({c["min"]:.3f}–{c["max"]:.3f})'
print("| measure | kessan wall s (min–max) | kessan CPU s | kessan peak MiB | other wall s | ratio, paired (wall; CPU) | target | met | load |")
print("|---|---:|---:|---:|---:|---:|---|---|---:|")
# A command that did not end as it should (verify: 0, or 1 for findings; the others: 0) measured nothing.
def failed(r, allowed):
    bad = sorted({e for c in r["commands"] for e in c["exits"]} - allowed)
    return f"no: exit {bad[0]}" if bad else None
def single(name, label, target, limit, allowed={0}):
    r = rows[name]
    ok = failed(r, allowed) or ("yes" if m(r, 0, "wall") <= limit else "no")
    print(f'| {label} | {spread(r,0,"wall")} | {m(r,0,"cpu"):.3f} | {m(r,0,"peak_mib"):.1f} | | | {target} | {ok} | {r["load"]:.1f} |')
def pair(name, label, target, test):
    r = rows[name]
    w, c = r["ratio"]["wall"]["median"], r["ratio"]["cpu"]["median"]
    ok = failed(r, {0}) or ("yes" if test(w) else "no")
    print(f'| {label} | {spread(r,0,"wall")} | {m(r,0,"cpu"):.3f} | {m(r,0,"peak_mib"):.1f} | {m(r,1,"wall"):.3f} | {w:.3g}; {c:.3g} | {target} | {ok} | {r["load"]:.1f} |')
single("verify_seed", "verify, the reference release", "≤ 0.050 s", 0.050, {0, 1})
single("verify_html", "verify, 2 MB real 10-Q HTML", "≤ 1 s", 1.0, {0, 1})
single("build", "build the example (txt, md, html, xlsx, xhtml)", "≤ 0.15 s", 0.15)
pair("tb_cat", "1M trial balance / cat of the file", "≤ 3×", lambda w: w <= 3)
if "tb_ledger" in rows:
    pair("tb_ledger", "1M trial balance / ledger-cli bal", "≤ 1/100", lambda w: w <= 0.01)
pair("csv_journal", "CSV / journal, same 1M group ledgers", "≤ 1.3×", lambda w: w <= 1.3)
for f in ("100k.journal", "ledger.journal", "5m.journal"):
    r = rows["memory_" + f]
    print(f'| peak memory, {f} | {spread(r,0,"wall")} | {m(r,0,"cpu"):.3f} | {m(r,0,"peak_mib"):.1f} | | | flat | | {r["load"]:.1f} |')
PY
