#!/usr/bin/env python3
"""Times whole commands from outside, as a user sees them: start-up included.

usage: paired.py RUNS 'COMMAND A' ['COMMAND B']

Each command is run RUNS times after one warm-up run; with two commands they run in turn (A B A B ...) so that the
ratio A/B is taken pair by pair and stays meaningful when the machine's speed drifts. Wall seconds come from a
monotonic clock, CPU seconds (user + system) and peak memory from the operating system's accounting of the child
(wait4). Prints one JSON object: median, min and max of each figure, and of the paired ratios.
"""
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def run_once(command):
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, shell=True, stdout=null, stderr=null)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024.0,
    }


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    runs = int(sys.argv[1])
    commands = sys.argv[2:]
    for command in commands:
        run_once(command)  # warm-up: the file cache and the binary's pages
    results = [[] for _ in commands]
    for _ in range(runs):
        for i, command in enumerate(commands):
            results[i].append(run_once(command))
    out = {"runs": runs, "load": os.getloadavg()[0], "commands": []}
    for command, rs in zip(commands, results):
        out["commands"].append({
            "command": command,
            "exits": sorted({r["exit"] for r in rs}),
            **{k: summary([r[k] for r in rs]) for k in ("wall", "cpu", "peak_mib")},
        })
    if len(commands) == 2:
        a, b = results
        out["ratio"] = {k: summary([x[k] / y[k] for x, y in zip(a, b) if y[k] > 0]) for k in ("wall", "cpu")}
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
