#!/usr/bin/env bash
# Smoke test of the README's Slurm recipe (cluster/slurm/sweep.sbatch, finish.sbatch) on the
# one-node cluster of up.sh (started here if not running, and then stopped again by down.sh).
#  0. the README's copy of sweep.sbatch is the file (alone: smoke.sh --readme; no Slurm needed)
#  1. a small phi x seed sweep as an array of 4 tasks, then finish.sbatch: the merged sweep.csv
#     is byte-identical to the same sweep run in one process
#  2. a slower sweep whose task 1 is cancelled (scancel) after its first row, and task 2 requeued
#     (scontrol requeue) after its first row: the requeued task resumes its directory; merge exits
#     3 and names the cancelled shard's missing runs; finish.sbatch (the completion pass) computes
#     exactly those, and the result is byte-identical to the sweep run in one process
# Exit status: 0 all of this holds; 1 a check failed; 77 the cluster could not be started.
# Work files in a mktemp directory under /tmp, removed on success (KEEP=1 keeps them).
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "smoke.sh: FAILED: $*" >&2; exit 1; }
t0=$(date +%s)
say() { echo "smoke.sh [$(( $(date +%s) - t0 )) s]: $*" >&2; }

readme_check() {   # the fenced block after the marker line in README.md is sweep.sbatch, byte for byte
  local block
  block=$(awk '/<!-- cluster\/slurm\/sweep.sbatch -->/ {m = 1; next}
               m == 1 && /^```/ {m = 2; next}
               m == 2 && /^```/ {exit}
               m == 2 {print}' README.md)
  [ -n "$block" ] || fail "README.md has no sweep.sbatch block after <!-- cluster/slurm/sweep.sbatch -->"
  [ "$block" = "$(cat cluster/slurm/sweep.sbatch)" ] \
    || fail "README.md's copy of cluster/slurm/sweep.sbatch differs from the file: $(diff <(echo "$block") cluster/slurm/sweep.sbatch | head -5)"
  say "README's sweep.sbatch is cluster/slurm/sweep.sbatch"
}
readme_check
[ "${1:-}" = --readme ] && exit 0

STATE=${COLLAPSE_SLURM_DIR:-/tmp/collapse-slurm}
alive() {  # PIDFILE: its process runs, under the daemon's name (not a reused pid)
  [ -f "$1" ] && [ "$(ps -p "$(cat "$1")" -o comm= 2>/dev/null)" = "$(basename "$1" .pid)" ]
}
started=0
if ! { alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid"; }; then
  cluster/slurm/up.sh || { echo "smoke.sh: the Slurm cluster could not be started (see above)" >&2; exit 77; }
  started=1
fi
# shellcheck disable=SC1091
. "$STATE/env"
work=$(mktemp -d /tmp/collapse-smoke.XXXXXX)
jobs=()
cleanup() {
  local status=$?
  for j in "${jobs[@]}"; do scancel "$j" 2>/dev/null || true; done
  if [ "$started" = 1 ]; then cluster/slurm/down.sh || true; fi
  if [ "$status" = 0 ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$work"; else say "work files kept in $work"; fi
}
trap cleanup EXIT
mkdir -p "$work/logs"

say "building target/collapse.jar if needed"
./collapse --help >/dev/null

# the recipe as the README gives it, with a node's worth of resources per task
opts=(--cpus-per-task=1 --mem=2G --time=00:20:00)
array() {   # NAME OUT SWEEP...: submits the array, prints its job id
  local name=$1 out=$2
  shift 2
  sbatch --parsable --array=0-3 "${opts[@]}" --job-name="$name" --output="$work/logs/%x-%A_%a.out" \
    cluster/slurm/sweep.sbatch "$out" "$@"
}
finish() {  # NAME JOBID|- OUT SWEEP...: runs finish.sbatch after the array (- : now), waits, returns its status
  local name=$1 after=() out=$3 id
  [ "$2" = - ] || after=(--dependency=afterany:"$2")
  shift 3
  id=$(sbatch --parsable "${after[@]}" --cpus-per-task=2 --mem=2G --time=00:20:00 --job-name="$name" \
    --output="$work/logs/%x.out" cluster/slurm/finish.sbatch "$out" "$@")
  jobs+=("$id")
  wait_gone "$id"   # (sbatch --wait polls at up to 32 s intervals)
  scontrol -o show job "$id" | grep -q 'JobState=COMPLETED'
}
wait_gone() { for _ in $(seq 1 6000); do gone "$1" && return 0; sleep 0.1; done; fail "job $1 still queued after 10 minutes"; }
gone() {  # JOBID: no longer queued or running (a failed query is not taken for "gone")
  local out
  if out=$(squeue -h -j "$1" 2>&1); then [ -z "$out" ]; else [[ $out == *"Invalid job id"* ]]; fi
}
rows() { [ -f "$1" ] && echo $(( $(tr -cd '\n' < "$1" | wc -c) - 1 )) || echo 0; }   # complete rows

# 1. a small sweep: 4 points x 3 seeds, a fraction of a second each
small=(models/eom-frustrated.yaml --set integrator.tEnd=50 --set record.points=20
       --param frustration.fraction=0.05:0.2:4 --seeds 3)
say "1. small sweep (12 runs) in one process"
./collapse sweep "${small[@]}" --threads 2 --out "$work/small-one" >/dev/null
jid=$(array smoke-small "$work/small" "${small[@]}")
jobs+=("$jid")
say "1. array $jid (4 tasks), then finish.sbatch"
finish smoke-small-finish "$jid" "$work/small" "${small[@]}" \
  || fail "finish.sbatch of the small sweep exited $?: $(cat "$work/logs/smoke-small-finish.out")"
for i in 0 1 2 3; do
  grep -q "runs (shard $i/4 of 4 points x 3 seeds): 3 computed" "$work/logs/smoke-small-${jid}_$i.out" \
    || fail "task $i did not compute its 3 runs: $(cat "$work/logs/smoke-small-${jid}_$i.out")"
done
grep -q "merged 12 of 12 runs from 4 directories" "$work/logs/smoke-small-finish.out" \
  || fail "merge of the small sweep: $(cat "$work/logs/smoke-small-finish.out")"
cmp "$work/small/all/sweep.csv" "$work/small-one/sweep.csv" \
  || fail "merged sweep.csv differs from the one-process sweep"
say "1. ok: merged sweep.csv of the array = the one-process sweep.csv, byte for byte"

# 2. a slower sweep (N = 1000, 32 runs, 8 per task); task 1 cancelled and task 2 requeued after
#    their first row
slow=(models/eom-frustrated.yaml --set samples=1000 --set record.points=20
      --param frustration.fraction=0.02:0.3:4 --seeds 8)
jid=$(array smoke-cancel "$work/slow" "${slow[@]}")
jobs+=("$jid")
say "2. array $jid (4 tasks of 8 runs); cancelling task 1 and requeueing task 2, each after its first row"
csv1="$work/slow/shard-1/sweep.csv"
csv2="$work/slow/shard-2/sweep.csv"
first_row() {  # CSV: waits until it holds a complete row (or the array is gone)
  for _ in $(seq 1 6000); do
    [ "$(rows "$1")" -ge 1 ] && return 0
    gone "$jid" && break
    sleep 0.1
  done
  fail "no row in $1 (logs: $(cat "$work"/logs/smoke-cancel-* 2>/dev/null))"
}
first_row "$csv1"
scancel "${jid}_1"
first_row "$csv2"
scontrol requeue "${jid}_2"
requeued=$(rows "$csv2")      # at least; the old process may add a row while it is being stopped
wait_gone "$jid"
have=$(rows "$csv1")
state=$(scontrol -o show job "${jid}_1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' || true)
restarts=$(scontrol -o show job "${jid}_2" 2>/dev/null | grep -o 'Restarts=[0-9]*' || true)
say "2. task 1 ended ($state) with $have of 8 rows; task 2 requeued ($restarts) with $requeued or more of 8 rows"
[ "$have" -lt 8 ] || fail "task 1 finished its 8 runs before it was cancelled: inconclusive (use a slower sweep)"
[ "$state" = JobState=CANCELLED ] || fail "task 1 not cancelled: $state"
[ "$requeued" -lt 8 ] || fail "task 2 finished its 8 runs before it was requeued: inconclusive (use a slower sweep)"
[ "$restarts" = Restarts=1 ] || fail "task 2 not requeued: $restarts"
line=$(grep "runs (shard 2/4 of 4 points x 8 seeds): " "$work/logs/smoke-cancel-${jid}_2.out" || true)
computed=$(sed -n 's/.*: \([0-9]*\) computed, \([0-9]*\) already present.*/\1/p' <<<"$line")
kept=$(sed -n 's/.*: \([0-9]*\) computed, \([0-9]*\) already present.*/\2/p' <<<"$line")
[ -n "$kept" ] && [ "$kept" -ge "$requeued" ] && [ $((computed + kept)) = 8 ] \
  || fail "the requeued task 2 did not resume its directory: $(cat "$work/logs/smoke-cancel-${jid}_2.out")"
say "2. ok: the requeued task 2 resumed its directory ($computed runs computed, $kept kept)"
for i in 0 2 3; do
  [ "$(rows "$work/slow/shard-$i/sweep.csv")" = 8 ] || fail "task $i did not finish its 8 runs"
done
status=0
./collapse merge "$work"/slow/shard-* --out "$work/slow/all" >"$work/merge.out" 2>"$work/merge.err" || status=$?
sed 's/^/    /' "$work/merge.err" >&2
[ "$status" = 3 ] || fail "merge with a cancelled shard exited $status, expected 3"
grep -q "^error: $((8 - have)) of 32 runs are missing" "$work/merge.err" || fail "merge did not count the missing runs"
grep -qF "$work/slow/shard-1 (shard 1/4): $have of 8 runs" "$work/merge.err" || fail "merge did not name shard 1"
# shard 1/4 owns r = 8 p + s with s = 1, 5: seeds 43 and 47 at each of the 4 points
named=$(grep '^  point ' "$work/merge.err" | sed 's/^  point \([0-9]*\): seeds\{0,1\} /\1:/' \
        | awk -F: '{n = split($2, s, ", "); for (k = 1; k <= n; k++) print $1 ":" s[k]}' | sort)
expected=$(for p in 0 1 2 3; do for seed in 43 47; do echo "$p:$seed"; done; done \
           | grep -vxF -f <(head -n "$((have + 1))" "$csv1" | awk -F, 'NR > 1 {print $1 ":" $2}') | sort)
[ "$named" = "$expected" ] || fail "merge named the runs ${named//$'\n'/ }, expected ${expected//$'\n'/ }"
say "2. ok: merge exits 3 and names the $((8 - have)) missing runs; completion pass (finish.sbatch)"
./collapse sweep "${slow[@]}" --threads 2 --out "$work/slow-one" >/dev/null
finish smoke-cancel-finish - "$work/slow" "${slow[@]}" \
  || fail "finish.sbatch of the cancelled sweep exited $?: $(cat "$work/logs/smoke-cancel-finish.out")"
grep -q "32 runs (shard 0/1 of 4 points x 8 seeds): $((8 - have)) computed, $((24 + have)) already present" \
  "$work/logs/smoke-cancel-finish.out" || fail "completion pass: $(cat "$work/logs/smoke-cancel-finish.out")"
cmp "$work/slow/all/sweep.csv" "$work/slow-one/sweep.csv" \
  || fail "completed sweep.csv differs from the one-process sweep"
say "2. ok: the completion pass computed the $((8 - have)) missing runs; sweep.csv = the one-process sweep.csv, byte for byte"
say "all checks hold"
