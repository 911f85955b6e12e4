#!/usr/bin/env bash
# Starts a three-node OVS Workers cluster on this machine and runs scenarios against it; cleans everything up.
#   cluster/run.sh [SCENARIO...]    default: all of them, in this order
#   routing hot-reload kill-node kill-single rabbit-restart beat-failover broken-plugin hang poison
# OVS_CLUSTER_KEEP=DIR keeps the nodes' homes and logs there. Outcomes: one "RESULT <scenario> ..." line each.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM
source "$here/scenarios.sh"

all=(routing hot-reload kill-node kill-single rabbit-restart beat-failover broken-plugin hang poison)
wanted=("${@:-${all[@]}}")
for name in "${wanted[@]}"; do
  declare -F "scenario_${name//-/_}" >/dev/null || { echo "unknown scenario $name; known: ${all[*]}" >&2; exit 2; }
done
start_cluster
failed=0
for name in "${wanted[@]}"; do
  log "scenario $name (load $(cut -d' ' -f1-3 /proc/loadavg))"
  if ! "scenario_${name//-/_}"; then failed=1; log "scenario $name FAILED"; fi
done
exit "$failed"
