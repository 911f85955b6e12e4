#!/usr/bin/env bash
# Every benchmark of bench/, one after the other, with the load average before each: the figures BENCHMARKS.md
# quotes. Usage: bench/all.sh [TASKS]  (TASKS for compare.sh, default 3000). About 10 minutes.
# `arakoon` needs a real Arakoon cluster (-Darakoon.ini); none exists on this machine, so it is not run here.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
step() {
  echo
  echo "== $* (load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%T))"
  "$@" || echo "== FAILED: $*"
}
step "$root/bench/compare.sh" "${1:-3000}"
step "$root/bench/run.sh" startup 3
step "$root/bench/run.sh" deploy
step "$root/bench/run.sh" cas
step "$root/bench/run.sh" inline-dispatch
step "$root/bench/run.sh" ensure-single
