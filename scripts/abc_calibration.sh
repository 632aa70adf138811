#!/usr/bin/env bash
# ABC-SMC calibration of the fitted parameters (issue 11 item 7; docs/VALIDATION.md §8).
#
#   scripts/abc_calibration.sh OUT [extra resim calibrate flags ...]
#
# Fits the parameters below to every in-sample target — the calibration set
# (data/calibration.csv) and the rows with role `calibration` of
# data/other_findings.csv and data/patterns.csv; out-of-sample rows are never
# given to the calibrator — on scenarios/meta_analysis_trial.toml (the panel
# targets on the bundled panel_cohort), and writes OUT/targets.csv (the
# combined targets) and the calibrator's results in OUT/.
#
# The size is set by PARTICLES, BUDGET, REPLICATES, TOLERANCE, SEED and
# THREADS (defaults: a quick calibration of 40 particles, 12 replicates and
# 650 simulations, about 35 minutes on one thread). The shipped posterior
# (data/posterior/README.md) is the full-size one (hours on 2 cores):
#   PARTICLES=100 BUDGET=1810 REPLICATES=24 THREADS=2 scripts/abc_calibration.sh results/abc-full
# An interrupted run continues with the same command plus --resume.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/abc_calibration.sh OUT [resim calibrate flags ...]}
shift
RESIM=${RESIM:-target/release/resim}
mkdir -p "$out"
targets="$out/targets.csv"
{
  head -1 data/patterns.csv
  tail -n +2 data/calibration.csv | sed 's/$/,calibration,,,,,,,/'
  tail -n +2 data/other_findings.csv | grep ',calibration,' | sed 's/$/,,,,/'
  tail -n +2 data/patterns.csv | grep ',calibration,'
} > "$targets"
exec "$RESIM" calibrate scenarios/meta_analysis_trial.toml --method abc \
  --targets "$targets" --out "$out/run" \
  --particles "${PARTICLES:-40}" --budget "${BUDGET:-650}" --tolerance "${TOLERANCE:-0.3}" \
  --replicates "${REPLICATES:-12}" --seed "${SEED:-117}" --threads "${THREADS:-1}" \
  --param stress.academic_load=0.04..0.07 \
  --param stress.stress_resistance=0.1..0.5 \
  --param stress.erosion_rate=0.0..0.05 \
  --param stress.female_reactivity=1.0..1.3 \
  --param stress.chronic_sd=0.1..0.3 \
  --param support.distress_withdrawal=0.0..0.12 \
  --param support.modelling_support_gain=0.0..0.1 \
  --param learning.support_efficacy_gain=0.2..1.0 \
  --param learning.support_regulation_gain=0.2..1.0 \
  --param learning.programme_social_gain=0.05..0.25 \
  --param learning.volunteer_gain=0.03..0.15 \
  --param learning.caregiver_synergy=1.0..3.5 \
  --param academic.homework_socialisation=0.06..0.2 \
  --param trust.outside_substitution=0.0..0.6 \
  "$@"
