#!/usr/bin/env bash
# The native kessan (Native AOT, `dotnet publish`) and the JIT build (`dotnet build`) must write the same bytes:
# stdout, stderr, exit code and every file written, for every command on the example, the seed, real releases and a
# synthesized group ledger (journal and CSV), good input and bad.
# usage: bench/native/compare.sh [TRANSACTIONS=20000] [WORK_DIR=/tmp/kessan-native-compare]
# Prints one line per case and "N cases, all identical" (exit 0) or the cases that differ (exit 1).
set -euo pipefail
N=${1:-20000}
WORK=${2:-/tmp/kessan-native-compare}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf "$WORK"; mkdir -p "$WORK"

echo "publishing the native kessan and building the JIT one ..." >&2
dotnet publish "$ROOT/src/Kessan.Cli" -c Release -o "$WORK/native" -v quiet -nologo >/dev/null
dotnet build "$ROOT/src/Kessan.Cli" -c Release -o "$WORK/jit" -v quiet -nologo >/dev/null
[ -x "$WORK/native/kessan" ] || { echo "no native executable at $WORK/native/kessan" >&2; exit 1; }
if [ -f "$WORK/native/kessan.dll" ]; then echo "publish wrote kessan.dll: not a native build" >&2; exit 1; fi

EX="$ROOT/examples/iij-2003q1"
SEED="$ROOT/tests/data/seeds/002_55af39662756e4d2.txt"
HTML="$ROOT/tests/data/releases/pg_fy2025q3_10q.html"
# The ledgers both builds read: written once by the JIT build (synth-ledger itself is compared below).
dotnet "$WORK/jit/kessan.dll" synth-ledger "$EX" --transactions "$N" --out "$WORK/ledgers" >/dev/null
printf '2003-04-01 * broken\n    Assets:Cash    JPY 1,000\n    Income:Sales    -JPY 999\n' > "$WORK/bad.journal"
printf 'date,transaction,account,amount\n2003-04-01,1,Assets:Cash,"1,000\n' > "$WORK/bad.csv"

cases=0; differ=()
# run NAME ARGS... : runs both builds in their own folder (so relative outputs land apart) and compares everything.
run() {
  local name=$1; shift
  cases=$((cases + 1))
  for kind in native jit; do
    local dir="$WORK/runs/$kind/$name"; mkdir -p "$dir"
    local exe=("$WORK/native/kessan"); [ "$kind" = jit ] && exe=(dotnet "$WORK/jit/kessan.dll")
    set +e
    (cd "$dir" && "${exe[@]}" "$@" > "$dir/.stdout" 2> "$dir/.stderr"); echo $? > "$dir/.exit"
    set -e
    # Timings differ from run to run and each build runs in its own folder: compare the text without them.
    sed -i -E -e 's/ in [0-9.]+ s: [0-9.]+ million postings\/s/ in T s: S million postings\/s/' -e 's/ in [0-9.]+ s$/ in T s/' \
      -e "s#$dir#RUN#g" "$dir/.stdout" "$dir/.stderr"
  done
  if diff -r "$WORK/runs/native/$name" "$WORK/runs/jit/$name" > "$WORK/$name.diff"; then
    echo "same      $name (exit $(cat "$WORK/runs/jit/$name/.exit"))"
  else
    echo "DIFFERENT $name (see $WORK/$name.diff)"; differ+=("$name")
  fi
}

run help --help
run build build "$EX" --out out
run build-ledger build "$EX" --ledger "$WORK/ledgers" --out out
run build-ledger-csv build "$EX" --ledger "$WORK/ledgers/csv" --out out
run build-missing build "$WORK/no-such-folder" --out out
run roll roll "$EX" --to 2Q03 --out next
run verify-seed verify "$SEED"
run verify-seed-json verify "$SEED" --format json
run verify-html verify "$HTML"
run verify-html-json verify "$HTML" --format json
run verify-pdf verify "$ROOT/tests/data/pdf/iij-2003q1-release.pdf" "$ROOT/tests/data/pdf/adobe_fy2023q1.pdf" --explain
run verify-pdf-json verify "$ROOT/tests/data/pdf/arista_networks_2026q2.pdf" --format json
run trial-balance trial-balance "$WORK"/ledgers/*.journal --by quarter
run trial-balance-csv trial-balance "$WORK"/ledgers/csv/*.csv --by month --format csv
run trial-balance-flows trial-balance "$WORK"/ledgers/*.journal --flows --format csv --stats
run trial-balance-bad trial-balance "$WORK/bad.journal" "$WORK/bad.csv"
run consolidate consolidate "$WORK/ledgers" --model "$EX"
run consolidate-csv consolidate "$WORK/ledgers" --model "$EX" --format csv
run synth-ledger synth-ledger "$EX" --transactions 10000 --out ledgers
run synth-register synth-register --out contracts.csv
run register-kpis register-kpis "$EX/contracts.csv" --at 1Q03 --at 2003-03-31

if [ ${#differ[@]} -eq 0 ]; then
  echo "$cases cases, all identical (stdout, stderr, exit code and files written)"
else
  echo "${#differ[@]} of $cases cases differ: ${differ[*]}"; exit 1
fi
