#!/usr/bin/env bash
# Issue 17 item 4: one resim binary on 1 and on 2 threads, alternating,
# PAIRS times on each of quickstart, quickstart ×10 (40 schools instead of
# 4) and meta_analysis_trial; prints per scenario the medians of the
# 1 ÷ 2 ratios of the whole process's wall time and of the engine's own
# time (manifest.json's wall_seconds). Run it on an idle machine: with other
# jobs on the cores the second thread seldom has one of its own.
# Usage: scripts/one_vs_two_threads.sh BINARY [PAIRS]
set -euo pipefail
bin=$(realpath "$1"); pairs=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/^schools = 4$/schools = 40/' "$here/scenarios/quickstart.toml" > "$tmp/quickstart_x10.toml"
grep -q '^schools = 40$' "$tmp/quickstart_x10.toml"
for sc in "$here/scenarios/quickstart.toml" "$tmp/quickstart_x10.toml" "$here/scenarios/meta_analysis_trial.toml"; do
  for i in $(seq "$pairs"); do
    for t in 1 2; do
      t0=$(date +%s.%N)
      "$bin" run "$sc" --out "$tmp/out$t" --force --quiet --threads "$t" >/dev/null
      t1=$(date +%s.%N)
      engine=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['wall_seconds'])" "$tmp/out$t/manifest.json")
      echo "$(basename "$sc") $t $(python3 -c "print($t1 - $t0)") $engine"
    done
  done
done | python3 -c '
import sys, statistics as st
d = {}
for line in sys.stdin:
    sc, t, process, engine = line.split()
    d.setdefault(sc, {}).setdefault(t, []).append((float(process), float(engine)))
for sc, r in d.items():
    one, two = r["1"], r["2"]
    for k, what in ((0, "process"), (1, "engine")):
        q = [a[k] / b[k] for a, b in zip(one, two)]
        print(f"{sc:28} {what:8} 1/2 median {st.median(q):.2f} (range {min(q):.2f}-{max(q):.2f});"
              f" 1 thread {st.median(a[k] for a in one):.3f} s, 2 threads {st.median(b[k] for b in two):.3f} s")
'
