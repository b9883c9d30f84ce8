#!/usr/bin/env python3
"""Coverage of `kessan verify` on the real releases, as the table in docs/verify.md.

Usage: python3 bench/verify-coverage.py [KESSAN] [DIR]
  KESSAN  the command to run (default: "dotnet src/Kessan.Cli/bin/Debug/net10.0/kessan.dll"; a native build works too)
  DIR     the documents (default: tests/data/releases)

Prints one row per document (tables read, with figures, tables with a total that were footed, footing relations
checked of those found, % change cells checked of those found, ratios and sentences checked, errors) and the totals.
"""
import json
import os
import shlex
import subprocess
import sys

kessan = shlex.split(sys.argv[1]) if len(sys.argv) > 1 else ["dotnet", "src/Kessan.Cli/bin/Debug/net10.0/kessan.dll"]
folder = sys.argv[2] if len(sys.argv) > 2 else "tests/data/releases"
files = sorted(f for f in os.listdir(folder) if f != "INDEX.md")


def kind(cov, name):
    k = cov.get(name, {"checked": 0, "skipped": {}})
    return k["checked"], k["checked"] + sum(k["skipped"].values())


print("| document | tables read | with figures | tables with a total footed | footing relations checked "
      "| % change cells checked | ratios checked | sentences checked | errors |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
totals = [0] * 11
for name in files:
    run = subprocess.run(kessan + ["verify", os.path.join(folder, name), "--format", "json"], capture_output=True, text=True)
    report = json.loads(run.stdout)["files"][0]
    cov = report.get("coverage") or {}
    footing, footing_all = kind(cov, "footing")
    change, change_all = kind(cov, "percent-change")
    ratio, _ = kind(cov, "ratio")
    sentence, _ = kind(cov, "sentence")
    errors = sum(1 for f in report.get("findings", []) if f.get("severity") == "error")
    row = [cov.get("tablesRead", 0), cov.get("tablesWithFigures", 0), cov.get("tablesFooted", 0), cov.get("tablesWithTotal", 0),
           footing, footing_all, change, change_all, ratio, sentence, errors]
    totals = [a + b for a, b in zip(totals, row)]
    print(f"| {name} | {row[0]} | {row[1]} | {row[2]}/{row[3]} | {row[4]}/{row[5]} | {row[6]}/{row[7]} | {row[8]} | {row[9]} | {row[10]} |")

t = totals
pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"
print(f"| **all ({len(files)})** | {t[0]} | {t[1]} | {t[2]}/{t[3]} ({pct(t[2], t[3])}) | {t[4]}/{t[5]} | {t[6]}/{t[7]} ({pct(t[6], t[7])}) | {t[8]} | {t[9]} | {t[10]} |")
