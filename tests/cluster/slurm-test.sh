#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deploy/slurm/vitrina.sbatch on a real one-node Slurm cluster started here:
# munged, slurmctld and slurmd in the foreground of background jobs, with a
# private key, configuration and state under a temporary folder, no
# systemd. A 4-task array prepares a batch; its merged report and outputs
# must be those of one vitrina-cli process run. Every daemon is stopped and
# the folder removed on the way out, whatever happens.
set -euo pipefail

source "$(dirname "$0")/common.sh"
require "slurm-wlm (slurmctld, slurmd) and slurm-client" slurmctld slurmd sbatch sinfo scontrol
require munge munged mungekey
require "python3 (Debian's, /usr/bin/python3)" /usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vitrina-slurm.XXXXXX")
pids=()
stop () {
  local status=$?
  # Ask Slurm first, so slurmd ends its job steps, then make sure.
  [ -f "$tmp/slurm.conf" ] && SLURM_CONF="$tmp/slurm.conf" timeout 10 scontrol shutdown >/dev/null 2>&1 || true
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -9 "$pid" 2>/dev/null || true
  done
  if [ $status -ne 0 ]; then
    for log in "$tmp"/log/*; do
      [ -f "$log" ] && { echo "--- $log"; tail -n 30 "$log"; }
    done
  fi
  rm -rf "$tmp"
  exit $status
}
trap stop EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp"/{munge,ctld,spool,log}
chmod 700 "$tmp/munge"
user=$(id -un)
host=$(hostname -s)
cores=$(nproc)
memory=$(awk '/MemTotal/ { print int($2 / 1024 / 2) }' /proc/meminfo)
read -r ctld_port slurmd_port < <(/usr/bin/python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')

mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/socket" \
  --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/seed" \
  --log-file="$tmp/log/munged.log" 2>"$tmp/log/munged.stderr" &
pids+=($!)

export SLURM_CONF="$tmp/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=vitrina-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/socket
CredType=cred/munge
StateSaveLocation=$tmp/ctld
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/ctld/slurmctld.pid
SlurmdPidFile=$tmp/spool/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cores RealMemory=$memory State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=10 State=UP
CONF

for _ in $(seq 50); do [ -S "$tmp/munge/socket" ] && break; sleep 0.1; done
slurmctld -D -i -f "$SLURM_CONF" 2>"$tmp/log/slurmctld.stderr" &
pids+=($!)
slurmd -D -f "$SLURM_CONF" 2>"$tmp/log/slurmd.stderr" &
pids+=($!)

# The node is up once it reports idle.
for _ in $(seq 100); do
  state=$(sinfo -h -N -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.2
done
if [ "$state" != idle ]; then
  echo "FAIL: the Slurm node did not come up (state “$state”)" >&2
  exit 1
fi
echo "Slurm up: $host with $cores CPUs"

make_batch "$tmp"
run_whole "$tmp"

# The deploy script as a user submits it, four tasks of one CPU each.
timeout 100 sbatch --wait --quiet --array=0-3 --cpus-per-task=1 --mem-per-cpu=256M \
  --output="$tmp/log/task-%a.log" --chdir="$tmp" \
  "$deploy/slurm/vitrina.sbatch" "$tmp/list.txt" "$tmp/sharded"
for k in 0 1 2 3; do
  [ -f "$tmp/sharded/reports/shard-$k.json" ] || { echo "FAIL: task $k wrote no report" >&2; exit 1; }
done

check_shards "$tmp"
