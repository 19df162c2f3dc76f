#!/usr/bin/env bash
# Stops the daemons cluster/slurm/up.sh started, by their pid files (slurmd, slurmctld, munged),
# and nothing else. The state directory (logs, slurm.conf) is kept; remove it by hand if wanted.
set -uo pipefail
STATE=${COLLAPSE_SLURM_DIR:-/tmp/collapse-slurm}
status=0
stop() {  # pidfile name
  local f=$1 name=$2 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null && [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = "$name" ]; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "down.sh: $name ($pid) did not stop within 15 s" >&2
      status=1
      return
    fi
    echo "down.sh: stopped $name ($pid)" >&2
  fi
  rm -f "$f"
}
stop "$STATE/slurmd.pid" slurmd
stop "$STATE/slurmctld.pid" slurmctld
stop "$STATE/munge/munged.pid" munged
exit $status
