#!/usr/bin/env bash
# Structural sensitivity (issue 11 point 5): reruns the validation with each
# mechanism of the model switched off in turn ([mechanisms] NAME = false) and
# prints a Markdown table: one row per target or pattern, one column per
# mechanism, the simulated value with ✓ (inside the band) or ✗ (outside).
#
#   scripts/structural_sensitivity.sh [TARGETS.csv ...] > table.md
#
# Defaults to the bundled calibration set and data/other_findings.csv (and
# data/patterns.csv when it exists). RESIM picks the binary
# (default target/release/resim); SCENARIO the scenario (default the bundled
# scenarios/meta_analysis_trial.toml); REPLICATES the replicates (default the
# scenario's); THREADS the worker threads (default 1).
set -euo pipefail
cd "$(dirname "$0")/.."
RESIM=${RESIM:-target/release/resim}
THREADS=${THREADS:-1}
SCENARIO=${SCENARIO:-scenarios/meta_analysis_trial.toml}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(data/calibration.csv data/other_findings.csv)
  [ -f data/patterns.csv ] && targets+=(data/patterns.csv)
fi
mechanisms=$("$RESIM" list mechanisms | awk 'NR > 1 && NF > 0 { print $1 }')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rep=()
[ -n "${REPLICATES:-}" ] && rep=(--replicates "$REPLICATES")

validate() { # name [--set mechanisms.NAME=false]
  local name=$1 i=0
  shift
  for t in "${targets[@]}"; do
    "$RESIM" validate --targets "$t" --scenario "$SCENARIO" --out "$work/$name-$i" --force --quiet \
      --threads "$THREADS" "${rep[@]}" "$@" >/dev/null 2>&1 || true
    i=$((i + 1))
  done
}

validate all_on
for m in $mechanisms; do
  # --set switches the mechanism off in every scenario measured (the
  # validation scenario and the bundled panel and follow-up scenarios).
  validate "$m" --set "mechanisms.$m=false"
done

python3 - "$work" all_on $mechanisms <<'PY'
import csv, os, sys
work, names = sys.argv[1], sys.argv[2:]
rows, order = {}, []
for n in names:
    for d in sorted(x for x in os.listdir(work) if x.startswith(n + "-")):
        f = os.path.join(work, d, "validation.csv")
        if not os.path.exists(f):
            continue
        for r in csv.DictReader(open(f)):
            key = r["id"]
            if key not in rows:
                rows[key] = {"band": f'{r["published"]} [{r["low"]}, {r["high"]}]'}
                order.append(key)
            v = r["simulated"]
            res = r["result"].strip().lower()
            mark = "✓" if res == "pass" else ("✗" if res in ("fail", "outside") else "–")
            try:
                v = f"{float(v):.2f}"
            except ValueError:
                pass
            rows[key][n] = f"{v} {mark}"
header = ["target", "published [band]"] + ["all on" if n == "all_on" else f"no {n}" for n in names]
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for k in order:
    r = rows[k]
    print("| " + " | ".join([f"`{k}`", r["band"]] + [r.get(n, "–") for n in names]) + " |")
passes = {n: sum(1 for k in order if rows[k].get(n, "").endswith("✓")) for n in names}
print("| **passing** | | " + " | ".join(str(passes[n]) for n in names) + " |")
PY
