#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Vitrina over a few hosts with GNU parallel: one shard per job, over ssh.
#
#   VITRINA_HOSTS=hosts.txt deploy/parallel/vitrina-parallel.sh INPUT OUTPUT [PROCESS OPTION…]
#
# INPUT (a folder or a list of photos, one path a line) and OUTPUT are
# absolute paths on storage every host mounts at the same place, and
# vitrina-cli is installed on each. Settings, from the environment:
#   VITRINA_HOSTS    a GNU parallel sshlogin file (“8/user@host” a line:
#                    at most 8 jobs there); unset: this machine only
#   VITRINA_TASKS    how many shards the batch is cut into (default 4)
#   VITRINA_JOBS     jobs at once on each host (default 1)
#   VITRINA_WORKERS  worker threads of each job (default: this machine's cores)
# The job log OUTPUT/reports/parallel.joblog lets a second run with the same
# arguments re-run only the shards that failed, and those finish only the
# photos they are missing (--skip-existing). Then:
#   vitrina-cli report merge OUTPUT/reports/shard-*.json -o OUTPUT/report.json
# This is the command line it runs, for 4 tasks on the hosts of hosts.txt:
#   parallel -q --sshloginfile hosts.txt --jobs 1 \
#     --joblog out/reports/parallel.joblog --resume-failed \
#     vitrina-cli process /shared/photos -o /shared/out --shard {}/4 --workers 8 \
#       --skip-existing --quiet --report /shared/out/reports/shard-{}.json ::: 0 1 2 3
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 INPUT OUTPUT [PROCESS OPTION…]" >&2
  exit 2
fi
input=$1
output=$2
shift 2
cli=${VITRINA_CLI:-vitrina-cli}
tasks=${VITRINA_TASKS:-4}

if [ -d "$input" ]; then
  inputs=("$input")
else
  inputs=(--files-from "$input")
fi
hosts=()
[ -z "${VITRINA_HOSTS:-}" ] || hosts=(--sshloginfile "$VITRINA_HOSTS")
mkdir -p "$output/reports"

parallel --will-cite -q "${hosts[@]}" --jobs "${VITRINA_JOBS:-1}" \
  --joblog "$output/reports/parallel.joblog" --resume-failed \
  "$cli" process "${inputs[@]}" -o "$output" --shard "{}/$tasks" \
    --workers "${VITRINA_WORKERS:-$(nproc)}" --skip-existing --quiet \
    --report "$output/reports/shard-{}.json" "$@" \
  ::: $(seq 0 $((tasks - 1)))
