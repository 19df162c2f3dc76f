#!/usr/bin/env bash
# A one-node Slurm cluster on localhost, for testing the sweep recipe (cluster/slurm/sweep.sbatch).
#
#   cluster/slurm/up.sh            # installs slurm-wlm and munge if missing, starts the daemons
#   . "${COLLAPSE_SLURM_DIR:-/tmp/collapse-slurm}/env"   # SLURM_CONF for sinfo, sbatch, squeue, ...
#   cluster/slurm/down.sh          # stops exactly the daemons started here
#
# Everything lives in one state directory (COLLAPSE_SLURM_DIR, default /tmp/collapse-slurm):
# slurm.conf, the pid files, logs, spool and state. No cgroups (proctrack/linuxproc, task/none),
# no accounting; the node advertises what `slurmd -C` measures (CPUs, memory). Ports 6817/6818
# (COLLAPSE_SLURM_PORT, COLLAPSE_SLURM_PORT+1) bound to 127.0.0.1 only. Needs root (apt, slurmd).
# A munged of its own on its own socket, so a system munged or Slurm is left alone.
set -euo pipefail
STATE=${COLLAPSE_SLURM_DIR:-/tmp/collapse-slurm}
PORT=${COLLAPSE_SLURM_PORT:-6817}
NODE=localhost

die() { echo "up.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "needs root (package install, slurmd switching users)"

# 1. packages
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null \
   || ! command -v sbatch >/dev/null; then
  echo "up.sh: installing slurm-wlm and munge" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends slurm-wlm munge >&2
fi

alive() {  # PIDFILE: its process runs, under the daemon's name (not a reused pid)
  [ -f "$1" ] && [ "$(ps -p "$(cat "$1")" -o comm= 2>/dev/null)" = "$(basename "$1" .pid)" ]
}
if alive "$STATE/slurmctld.pid" && alive "$STATE/slurmd.pid" && alive "$STATE/munge/munged.pid"; then
  echo "up.sh: already running (state in $STATE)" >&2
  exit 0
fi
for p in "$STATE/slurmd.pid" "$STATE/slurmctld.pid" "$STATE/munge/munged.pid"; do
  alive "$p" && die "a daemon of an earlier up.sh is still running ($p); run cluster/slurm/down.sh first"
done

mkdir -p "$STATE" "$STATE/ctld" "$STATE/spool" "$STATE/munge"
chmod 0755 "$STATE"
chown munge:munge "$STATE/munge"
chmod 0755 "$STATE/munge"

# 2. munge: the system key (created if missing), a daemon of our own
KEY=/etc/munge/munge.key
if [ ! -s "$KEY" ]; then
  echo "up.sh: creating $KEY" >&2
  mkdir -p /etc/munge
  mungekey --create --keyfile="$KEY"
  chown munge:munge "$KEY"
  chmod 0400 "$KEY"
fi
runuser -u munge -- munged --socket="$STATE/munge/munge.socket" --pid-file="$STATE/munge/munged.pid" \
  --log-file="$STATE/munge/munged.log" --seed-file="$STATE/munge/munged.seed" --key-file="$KEY" \
  || { tail -n 20 "$STATE/munge/munged.log" >&2 || true; die "munged did not start"; }

# 3. slurm.conf for one node: this machine, as slurmd -C measures it
HW=$(slurmd -C)
HW=${HW%%$'\n'*}                 # the first line: NodeName=... CPUs=... RealMemory=...
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$HW"; }
CPUS=$(field CPUs); BOARDS=$(field Boards); SOCKETS=$(field SocketsPerBoard)
CORES=$(field CoresPerSocket); THREADS=$(field ThreadsPerCore); MEM=$(field RealMemory)
[ -n "$CPUS" ] && [ -n "$MEM" ] || die "cannot read the node's CPUs and memory from 'slurmd -C': $HW"
cat > "$STATE/slurm.conf" <<CONF
# written by cluster/slurm/up.sh
ClusterName=collapse
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
CommunicationParameters=NoInAddrAny,NoCtldInAddrAny
AuthType=auth/munge
CredType=cred/munge
# cred_expire: also how long a requeued job waits before it starts again (default 120 s)
AuthInfo=socket=$STATE/munge/munge.socket,cred_expire=20
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=60
KillWait=5
NodeName=$NODE NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=$CPUS Boards=$BOARDS SocketsPerBoard=$SOCKETS CoresPerSocket=$CORES ThreadsPerCore=$THREADS RealMemory=$MEM State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
printf 'export SLURM_CONF=%q\n' "$STATE/slurm.conf" > "$STATE/env"
export SLURM_CONF="$STATE/slurm.conf"

# 4. the daemons (they fork and write their pid files)
logs() { for f in "$@"; do echo "--- $f" >&2; tail -n 20 "$f" >&2 2>/dev/null || true; done; }
slurmctld -i || { logs "$STATE/slurmctld.log"; die "slurmctld did not start"; }
slurmd -N "$NODE" || { logs "$STATE/slurmd.log"; die "slurmd did not start"; }

# 5. wait until the node is idle
for _ in $(seq 1 60); do
  s=$(sinfo -h -n "$NODE" -o %T 2>/dev/null || true)
  if [ "$s" = idle ]; then
    echo "up.sh: node $NODE idle (CPUs=$CPUS RealMemory=${MEM}M); . $STATE/env to use it" >&2
    exit 0
  fi
  for p in "$STATE/slurmctld.pid" "$STATE/slurmd.pid"; do
    alive "$p" || { logs "$STATE/slurmctld.log" "$STATE/slurmd.log"; die "$(basename "$p" .pid) exited"; }
  done
  sleep 1
done
sinfo -N -l -R >&2 || true
logs "$STATE/slurmctld.log" "$STATE/slurmd.log"
die "node $NODE not idle after 60 s (state: ${s:-none})"
