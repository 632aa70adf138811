#!/usr/bin/env bash
# A real Slurm test: a single-node cluster on localhost runs resim as an
# array job of shards, and the merged result must equal, byte for byte, the
# result of one machine.
#
# 1. installs Debian's slurmctld, slurmd, slurm-client and munge;
# 2. starts munged (as user munge), slurmctld and slurmd with a private
#    configuration (SLURM_CONF) in a temporary directory;
# 3. `sbatch --wait` of scripts/slurm/array.sbatch (4 shards of `resim run`),
#    then `resim merge`, compared with `resim run` on this machine;
# 4. scripts/slurm/submit.sh -w (3 shards of `resim sweep` and the dependent
#    merge job), compared with `resim sweep` on this machine;
# 5. deletes one sweep shard: merge must name it (exit 2); the shard is rerun
#    alone (RESIM_SHARDS=3 sbatch --array=1) and the merge is identical again;
# 6. scripts/slurm/submit.sh -w (3 shards of `resim optimise`'s screening round
#    and the merge job that finishes the search), compared with one machine;
# 7. stops every daemon it started, by its pid file, and removes the pid files.
#
# Needs root and apt-get (Debian 12). Set RESIM_SKIP_SLURM=1 to skip.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if [[ "${RESIM_SKIP_SLURM:-}" == 1 ]]; then
    echo "slurm test: skipped (RESIM_SKIP_SLURM=1)"
    exit 0
fi
if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    echo "slurm test: skipped (needs root and apt-get to install Slurm)"
    exit 0
fi

# One cluster at a time on this machine (fixed ports, one node name).
exec 9>/tmp/resim-slurm-test.lock
flock 9

t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }
say() { echo "slurm test [$(elapsed) s]: $*"; }

# --- install ---------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        slurmctld slurmd slurm-client munge >/dev/null
fi
say "Slurm $(dpkg-query -W -f='${Version}' slurmctld) and munge $(dpkg-query -W -f='${Version}' munge) installed"
cargo build --release --quiet
resim=$repo/target/release/resim
say "resim built"

work=$(mktemp -d /tmp/resim-slurm.XXXXXX)
chmod 755 "$work"
started_munge=0

stop_daemons() {
    local status=$?
    set +e
    # SIGTERM to every daemon we started, then wait for each (SIGKILL after 10 s).
    local pids=()
    for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid"; do
        [[ -s $pidfile ]] && pids+=("$(cat "$pidfile")")
    done
    if [[ $started_munge == 1 && -s /run/munge/munged.pid ]]; then
        pids+=("$(cat /run/munge/munged.pid)")
    fi
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null
    done
    # slurmctld cannot always delete its own pid file; munged's is ours to remove too.
    rm -f "$work/slurmd.pid" "$work/slurmctld.pid"
    [[ $started_munge == 1 ]] && rm -f /run/munge/munged.pid
    if [[ $status != 0 ]]; then
        echo "slurm test FAILED (exit $status); logs:" >&2
        for f in "$work"/*.log "$work"/logs/*; do
            [[ -f $f ]] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
        done
    fi
    rm -rf "$work"
    rm -f /tmp/resim-slurm-test.lock
    [[ $status == 0 ]] && say "daemons stopped, pid files and $work removed"
    exit "$status"
}
trap stop_daemons EXIT

# --- munge -----------------------------------------------------------------
install -d -o munge -g munge -m 0755 /run/munge
install -d -o munge -g munge -m 0700 /var/lib/munge /var/log/munge /etc/munge
if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if [[ -s /run/munge/munged.pid ]] && kill -0 "$(cat /run/munge/munged.pid)" 2>/dev/null; then
    say "munged already running"
else
    rm -f /run/munge/munged.pid
    runuser -u munge -- /usr/sbin/munged
    started_munge=1
fi
munge -n | unmunge >/dev/null
say "munge works"

# --- slurm -----------------------------------------------------------------
host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$work/state" "$work/spool" "$work/logs"
export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=resimci
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
MailProg=/bin/true
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do
    state=$(sinfo -h -o %t 2>/dev/null || true)
    [[ $state == idle ]] && break
    sleep 0.2
done
[[ $state == idle ]] || { echo "node state: '$state'" >&2; exit 1; }
say "single-node cluster up: $host with $cpus CPUs"

# --- 1. an array job of `resim run` shards, waited for, merged -------------
"$resim" run scenarios/quickstart.toml --replicates 8 --out "$work/single" --quiet >/dev/null
say "single-machine run done"
RESIM=$resim RESIM_COMMAND=run RESIM_SCENARIO=scenarios/quickstart.toml \
    RESIM_OUT=$work/sharded RESIM_ARGS="--replicates 8" \
    sbatch --wait --quiet --array=0-3 --cpus-per-task=1 --time=10 \
    --output="$work/logs/run-%A_%a.out" scripts/slurm/array.sbatch
say "sbatch --wait: 4-task array of resim run finished"
ls "$work/sharded/shards" | grep -c '^shard-.-of-4.json$' | grep -qx 4
"$resim" merge "$work/sharded" >/dev/null
for f in effects.csv trajectories.csv strategies.csv; do
    cmp "$work/single/$f" "$work/sharded/$f"
done
say "4-task array of resim run: merged effects, trajectories and strategies are byte-identical to one machine"

# --- 2. submit.sh: sweep shards plus the dependent merge job ---------------
cat >"$work/sweep.toml" <<'EOF'
name = "slurm_sweep"
[run]
replicates = 4
seed = 7
[population]
schools = 2
classes_per_school = 1
class_size = 25
[strategies.usual_practice]
components = []
[strategies.contact_book]
components = ["contact_book"]
[sweep]
"stress.academic_load" = [0.06, 0.1]
"strategies.contact_book.contact_book.coverage" = { from = 0.4, to = 1.0, steps = 3 }
EOF
"$resim" sweep "$work/sweep.toml" --out "$work/sweep-single" --quiet >/dev/null
(
    cd "$work/logs"
    RESIM=$resim SBATCH_OPTIONS="--time=10" \
        "$repo/scripts/slurm/submit.sh" -w -n 3 -c 1 sweep "$work/sweep.toml" "$work/sweep-sharded"
) >/dev/null
cmp "$work/sweep-single/sweep.csv" "$work/sweep-sharded/sweep.csv"
say "submit.sh: 3-task sweep array and its afterok merge job give sweep.csv byte-identical to one machine"

# --- 3. a lost shard is named by index, rerun alone, and merged ------------
rm "$work/sweep-sharded/shards/shard-1-of-3.json" "$work/sweep-sharded/sweep.csv"
set +e
"$resim" merge "$work/sweep-sharded" 2>"$work/logs/merge.err" >/dev/null
code=$?
set -e
[[ $code == 2 ]] && grep -q "1 of 3 shards missing: 1" "$work/logs/merge.err"
RESIM=$resim RESIM_COMMAND=sweep RESIM_SCENARIO=$work/sweep.toml RESIM_OUT=$work/sweep-sharded \
    RESIM_SHARDS=3 sbatch --wait --quiet --array=1 --cpus-per-task=1 --time=10 \
    --output="$work/logs/rerun-%A_%a.out" scripts/slurm/array.sbatch
"$resim" merge "$work/sweep-sharded" >/dev/null
cmp "$work/sweep-single/sweep.csv" "$work/sweep-sharded/sweep.csv"
say "a deleted shard is reported (exit 2), rerun alone with RESIM_SHARDS=3 --array=1, and merged byte-identical"

# --- 4. optimise: screening round in shards, the merge job finishes the search
scenario=$repo/scenarios/quickstart.toml
"$resim" optimise "$scenario" --max-cost 30 --no-tune --out "$work/optimise-single" --quiet >/dev/null
(
    cd "$work/logs"
    RESIM=$resim SBATCH_OPTIONS="--time=10" \
        "$repo/scripts/slurm/submit.sh" -w -n 3 -c 1 optimise "$scenario" "$work/optimise-sharded" \
        --max-cost 30 --no-tune
) >/dev/null
ls "$work/optimise-sharded/shards" | grep -c '^shard-.-of-3.json$' | grep -qx 3
for f in portfolios.csv frontier.csv frontier.svg best.toml; do
    cmp "$work/optimise-single/$f" "$work/optimise-sharded/$f"
done
say "submit.sh: 3-task optimise array and its merge job give portfolios, frontier and best.toml byte-identical to one machine"

say "passed"
