#!/usr/bin/env bash
# Byte identity of every output between two resim binaries (for changes that
# must not change a result: performance work, refactoring).
#
#   scripts/byte_identity.sh make BIN DIR   every output of the bundled scenarios
#                                           (run --students, 4 replicates, and the
#                                           validation scenarios; quickstart in full
#                                           and on 1 thread; a what-if, a sweep, a
#                                           Morris analysis, shards 0/2 + 1/2 and
#                                           their merge; 40,000 students in blocks,
#                                           15 components) written by BIN into DIR
#   scripts/byte_identity.sh compare A B    cmp every file of the two DIRs: JSON
#                                           without git_commit, timings and
#                                           memory_estimate_bytes; HTML without the
#                                           commit line
#
# e.g. make a baseline with main's binary, then with yours, then compare.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
make)
  BIN=$(realpath "$2"); FINAL=$3
  # One working path for every binary: reports and manifests name it.
  OUT=${TMPDIR:-/tmp}/resim-byte-identity; BIG=$OUT.toml
  rm -rf "$FINAL" "$OUT"
  for s in scenarios/*.toml scenarios/validation/*.toml; do
    "$BIN" run "$s" --out "$OUT/run-$(basename "$s" .toml)" --students --force --quiet --threads 2 --replicates 4
  done
  "$BIN" run scenarios/quickstart.toml --out "$OUT/qs-full" --students --force --quiet
  "$BIN" run scenarios/quickstart.toml --out "$OUT/qs-1t" --students --force --quiet --threads 1 --replicates 5
  "$BIN" whatif one_class_contact_book --add joint_goal_setting --out "$OUT/whatif" --force --quiet --replicates 20
  "$BIN" sweep quickstart_sweep --out "$OUT/sweep" --force --quiet --replicates 2
  "$BIN" sensitivity quickstart_sweep --method morris --trajectories 2 --out "$OUT/morris" --force --quiet --replicates 2
  "$BIN" run scenarios/quickstart.toml --out "$OUT/shard" --force --quiet --shard 0/2 --replicates 6
  "$BIN" run scenarios/quickstart.toml --out "$OUT/shard" --quiet --shard 1/2 --replicates 6
  "$BIN" merge "$OUT/shard"
  cat > "$BIG" <<'TOML'
name = "big"
[run]
replicates = 2
seed = 7
[population]
schools = 100
classes_per_school = 10
class_size = 40
[strategies.usual_practice]
components = []
[strategies.everything]
components = ["termly_conference","contact_book","digital_channel","parent_volunteering","homework_help","parent_modelling","behaviour_support","joint_goal_setting","mh_curriculum","peer_mentoring","school_psychologist","community_partnership","left_behind_support","teacher_training","culturally_responsive"]
TOML
  "$BIN" run "$BIG" --out "$OUT/big" --students --force --quiet --threads 2
  rm -f "$BIG"
  mv "$OUT" "$FINAL"
  ;;
compare)
  A=$2; B=$3; bad=0; n=0
  strip() { python3 -c '
import json, sys
skip = {"git_commit", "wall_seconds", "timings", "student_weeks_per_second",
        "elapsed_seconds", "started", "finished", "memory_estimate_bytes"}
def s(o):
    if isinstance(o, dict): return {k: s(v) for k, v in o.items() if k not in skip}
    if isinstance(o, list): return [s(v) for v in o]
    return o
t = open(sys.argv[1]).read()
try:
    docs = [json.loads(t)]
except ValueError:
    docs = [json.loads(l) for l in t.splitlines() if l.strip()]
for d in docs: print(json.dumps(s(d), sort_keys=True))
' "$1"; }
  while IFS= read -r f; do
    n=$((n + 1))
    if [ ! -f "$B/$f" ]; then echo "MISSING $f"; bad=1; continue; fi
    case "$f" in
      *.json) x=$(strip "$A/$f"); y=$(strip "$B/$f")
        if [ -z "$x" ] || [ "$x" != "$y" ]; then echo "DIFF $f"; bad=1; fi ;;
      *.html) cmp -s <(grep -v 'built from git commit' "$A/$f") \
                     <(grep -v 'built from git commit' "$B/$f") || { echo "DIFF $f"; bad=1; } ;;
      *) cmp -s "$A/$f" "$B/$f" || { echo "DIFF $f"; bad=1; } ;;
    esac
  done < <(cd "$A" && find . -type f | sort)
  m=$(cd "$B" && find . -type f | wc -l)
  [ "$m" -eq "$n" ] || { echo "file count $n vs $m"; bad=1; }
  if [ $bad = 0 ]; then echo "IDENTICAL: $n files"; else echo "DIFFERENCES"; fi
  exit $bad
  ;;
*) sed -n '2,16p' "$0"; exit 2 ;;
esac
