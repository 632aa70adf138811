#!/usr/bin/env bash
# Paired whole runs of two resim binaries on a shared machine: A and B
# alternate PAIRS times on the same scenario and thread count; prints each
# pair's ratio A ÷ B of the engine's time (manifest.json's wall_seconds) and
# of the whole process, and their medians (ratios of neighbouring runs
# survive other jobs' load better than times do).
# Usage: scripts/paired_runs.sh A B PAIRS SCENARIO [THREADS]
set -euo pipefail
A=$(realpath "$1"); B=$(realpath "$2"); pairs=$3; scenario=$4; threads=${5:-1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$pairs"); do
  for x in A B; do
    bin=${!x}
    t0=$(date +%s.%N)
    "$bin" run "$scenario" --out "$tmp/$x" --force --quiet --threads "$threads" >/dev/null
    t1=$(date +%s.%N)
    engine=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['wall_seconds'])" "$tmp/$x/manifest.json")
    echo "$i $x $engine $(python3 -c "print($t1 - $t0)")"
  done
done | python3 -c '
import sys, statistics as st
t = {}
for line in sys.stdin:
    i, x, engine, process = line.split()
    t.setdefault(i, {})[x] = (float(engine), float(process))
for k, what in ((0, "engine"), (1, "process")):
    r = [p["A"][k] / p["B"][k] for p in t.values()]
    print(f"{what:8} A/B per pair: " + " ".join(f"{v:.3f}" for v in r) + f"  median {st.median(r):.3f}"
          f"  (A {st.median(p[chr(65)][k] for p in t.values()):.3f} s, B {st.median(p[chr(66)][k] for p in t.values()):.3f} s)")
'
