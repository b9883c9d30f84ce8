#!/usr/bin/env bash
# Timing of the ledger path: kessan synth-ledger writes the group's ledgers, kessan build --ledger consolidates them
# and builds the release, which must be identical to the one built from the base facts.
# usage: bench/ledger/synth.sh [TRANSACTIONS=1000000] [WORK_DIR=/tmp/kessan-synth]
set -euo pipefail
N=${1:-1000000}
WORK=${2:-/tmp/kessan-synth}
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$ROOT/src/Kessan.Cli" -c Release -v q -nologo >/dev/null
K=(dotnet "$ROOT/src/Kessan.Cli/bin/Release/net10.0/kessan.dll")
rm -rf "$WORK"; mkdir -p "$WORK"
measure() { /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null; read -r s kb <"$WORK/time"; printf '%s s, %s MB' "$s" "$((kb / 1024))"; }
gen=$(measure "${K[@]}" synth-ledger "$ROOT/examples/iij-2003q1" --transactions "$N" --out "$WORK/ledgers")
size=$(du -sh "$WORK/ledgers" | cut -f1)
journal=$(measure "${K[@]}" build "$ROOT/examples/iij-2003q1" --ledger "$WORK/ledgers" --out "$WORK/from-journal")
csv=$(measure "${K[@]}" build "$ROOT/examples/iij-2003q1" --ledger "$WORK/ledgers/csv" --out "$WORK/from-csv")
"${K[@]}" build "$ROOT/examples/iij-2003q1" --out "$WORK/from-facts" >/dev/null
cmp -s "$WORK/from-journal/release.txt" "$WORK/from-facts/release.txt" && cmp -s "$WORK/from-csv/release.txt" "$WORK/from-facts/release.txt" \
  && same="identical" || same="DIFFERENT"
echo "$N transactions: synth-ledger $gen ($size, journal + CSV); build --ledger journal $journal; CSV $csv; release.txt $same to the base-facts build"
rm -rf "$WORK"
