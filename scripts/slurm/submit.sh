#!/usr/bin/env bash
# Submits a resim job to Slurm as an array of shards plus a merge job that
# starts only when every shard has succeeded.
#
#   scripts/slurm/submit.sh [-n SHARDS] [-c CPUS] [-w] COMMAND SCENARIO OUT [RESIM ARGS...]
#
#   COMMAND   run | sweep | sensitivity | optimise (the merge job then finishes the search)
#   SCENARIO  scenario file
#   OUT       output directory on a file system every node sees
#   -n        number of shards (array tasks)               [default: 4]
#   -c        CPUs per shard (resim threads)               [default: 2]
#   -w        wait for the merge and exit with its status (sbatch --wait)
#
# Extra sbatch options (partition, account, time) go in SBATCH_OPTIONS, e.g.
#   SBATCH_OPTIONS="--partition=long --time=12:00:00" scripts/slurm/submit.sh ...
# The resim binary is RESIM, or resim on PATH, or target/release/resim.
#
# Examples:
#   scripts/slurm/submit.sh -n 16 run scenarios/meta_analysis_trial.toml results/trial --replicates 1000
#   scripts/slurm/submit.sh -n 8 sensitivity my.toml results/my-sobol --method sobol --samples 256
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
shards=4
cpus=2
wait_flag=()
while getopts "n:c:wh" opt; do
    case "$opt" in
        n) shards=$OPTARG ;;
        c) cpus=$OPTARG ;;
        w) wait_flag=(--wait) ;;
        h)
            sed -n '2,22p' "$0"
            exit 0
            ;;
        *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
if [[ $# -lt 3 ]]; then
    echo "usage: $0 [-n SHARDS] [-c CPUS] [-w] run|sweep|sensitivity|optimise SCENARIO OUT [RESIM ARGS...]" >&2
    exit 2
fi
if ! [[ "$shards" =~ ^[1-9][0-9]*$ && "$cpus" =~ ^[1-9][0-9]*$ ]]; then
    echo "-n and -c take whole numbers of 1 or more" >&2
    exit 2
fi

export RESIM_COMMAND=$1 RESIM_SCENARIO=$2 RESIM_OUT=$3 RESIM_SHARDS=$shards
shift 3
export RESIM_ARGS="$*"
if [[ -z "${RESIM:-}" ]]; then
    RESIM=$(command -v resim || echo "$(cd "$here/../.." && pwd)/target/release/resim")
fi
export RESIM
if [[ ! -x "$RESIM" ]]; then
    echo "no resim binary at $RESIM; build it (cargo build --release) or set RESIM" >&2
    exit 2
fi
# Fail here, not in every array task, if the scenario is wrong.
if ! problems=$("$RESIM" check "$RESIM_SCENARIO" 2>&1 >/dev/null); then
    echo "$problems" >&2
    exit 2
fi

# SBATCH_OPTIONS is split into words on purpose.
# shellcheck disable=SC2086
array_id=$(sbatch --parsable --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
    ${SBATCH_OPTIONS:-} "$here/array.sbatch")
array_id=${array_id%%;*}
echo "submitted array job $array_id: $shards shards of resim $RESIM_COMMAND $RESIM_SCENARIO → $RESIM_OUT"

status=0
# shellcheck disable=SC2086
merge_out=$(sbatch --parsable "${wait_flag[@]}" --dependency="afterok:$array_id" \
    --kill-on-invalid-dep=yes ${SBATCH_OPTIONS:-} "$here/merge.sbatch") || status=$?
merge_id=${merge_out%%;*}
if [[ ${#wait_flag[@]} -gt 0 ]]; then
    echo "merge job $merge_id finished with exit status $status (resim merge $RESIM_OUT)"
else
    echo "merge job $merge_id runs after every shard of $array_id succeeds (resim merge $RESIM_OUT)"
fi
exit "$status"
