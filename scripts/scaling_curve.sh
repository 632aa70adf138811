#!/usr/bin/env bash
# Cost against population size: one replicate of two strategies (usual
# practice and every component on), printing student-weeks simulated (the
# burn-in once, then both strategies), seconds, student-weeks per second and
# peak memory. Schools have 10 classes of 40 students; the default sizes are
# 25, 250 and 2500 schools (10k, 100k and 1M students); 25000 is 10 million.
# Usage: scripts/scaling_curve.sh [THREADS [SCHOOLS...]]
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-2}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25 250 2500)
cargo build --release --quiet --bin resim
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-10s %-14s %-10s %-18s %s\n' students student_weeks seconds student_weeks_per_s peak_rss_mib
for schools in "${sizes[@]}"; do
  cat > "$tmp/s.toml" <<TOML
name = "scaling"
[run]
replicates = 1
[population]
schools = $schools
classes_per_school = 10
class_size = 40
[strategies.usual_practice]
components = []
[strategies.everything]
components = ["termly_conference","contact_book","digital_channel","parent_volunteering","homework_help","parent_modelling","behaviour_support","joint_goal_setting","mh_curriculum","peer_mentoring","school_psychologist","community_partnership","left_behind_support","teacher_training","culturally_responsive"]
TOML
  /usr/bin/time -v ./target/release/resim run "$tmp/s.toml" --out "$tmp/out$schools" --quiet --threads "$threads" >"$tmp/stdout" 2>"$tmp/time"
  sw=$(python3 -c "import json;m=json.load(open('$tmp/out$schools/manifest.json'));print(m['student_weeks'],round(m['wall_seconds'],3),round(m['student_weeks_per_second']/1e6,2))")
  rss=$(awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$tmp/time")
  read -r weeks secs rate <<<"$sw"
  printf '%-10s %-14s %-10s %-18s %s\n' "$((schools * 400))" "$weeks" "$secs" "${rate}M" "$rss"
done
