#!/usr/bin/env bash
# Cold start to ready, and resident memory once idle: an OVS Workers node on its embedded defaults against a Python
# Celery worker (Debian's python3-celery, prefork with the same concurrency, on the local RabbitMQ), in one run.
# Usage: bench/startup.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$root/launcher/target/ovs"
rounds="${1:-5}"
concurrency=$(nproc)
work="$(mktemp -d)"
trap 'pkill -P $$ 2>/dev/null || true; rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }
rss_kb() { # a process and its children
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '/VmRSS/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
wait_for_line() { # file pattern timeout-seconds
  local deadline=$(( $(date +%s) + $3 ))
  until grep -q "$2" "$1" 2>/dev/null; do
    (( $(date +%s) < deadline )) || { echo "timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1; }
    sleep 0.01
  done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours_start=(); ours_rss=(); py_start=(); py_rss=()
for ((i = 0; i < rounds; i++)); do
  home="$work/node-$i"; mkdir -p "$home/config" "$home/deploy"
  t0=$(now_ms)
  java -cp "$dist/lib/*" io.ovsworkers.launcher.Main --home "$home" --no-console > "$home/out.log" 2>&1 &
  pid=$!
  wait_for_line "$home/out.log" "ready in" 60
  ours_start+=($(( $(now_ms) - t0 )))
  sleep 3   # settle to idle before reading memory
  ours_rss+=($(rss_kb $pid))
  kill -TERM $pid; wait $pid || true

  log="$work/celery-$i.log"
  t0=$(now_ms)
  (cd "$root/bench/python" && exec /usr/bin/python3 -m celery -A noop_app worker --concurrency "$concurrency" \
      -Q "ovs_bench_startup_$$" --without-heartbeat --without-gossip --without-mingle -l info) > "$log" 2>&1 &
  pid=$!
  wait_for_line "$log" "ready\." 60
  py_start+=($(( $(now_ms) - t0 )))
  sleep 3
  py_rss+=($(rss_kb $pid))
  kill -TERM $pid; wait $pid || true
done
rabbitmqctl -q delete_queue "ovs_bench_startup_$$" >/dev/null 2>&1 || true

o_start=$(printf '%s\n' "${ours_start[@]}" | median); p_start=$(printf '%s\n' "${py_start[@]}" | median)
o_rss=$(printf '%s\n' "${ours_rss[@]}" | median); p_rss=$(printf '%s\n' "${py_rss[@]}" | median)
echo "cold start to ready (process spawn to ready line), median of $rounds:"
echo "  OVS Workers node (embedded defaults): $o_start ms"
echo "  Python Celery worker (prefork x$concurrency, RabbitMQ): $p_start ms"
awk -v o="$o_start" -v p="$p_start" 'BEGIN {printf "  ratio ours/python: %.2f\n", o / p}'
echo "resident memory when idle, median of $rounds:"
echo "  OVS Workers node: $((o_rss / 1024)) MB"
echo "  Python Celery worker and its children: $((p_rss / 1024)) MB"
awk -v o="$o_rss" -v p="$p_rss" 'BEGIN {printf "  ratio ours/python: %.2f\n", o / p}'
