#!/usr/bin/env bash
# No-op tasks with results per second in ONE run on this machine, ours against the two baselines, on one throwaway
# RabbitMQ vhost (deleted at the end):
#   OVS Workers node on RabbitMQ, rpc:// results   (bench/run.sh throughput with the rabbitmq feature)
#   OVS Workers node on its embedded broker         (bench/run.sh throughput, default features)
#   Python Celery 5.2 worker and client, confirms off (Celery's default) and on
#   raw amqp-client round trips (publish with confirms, consume, reply, ack): no framework at all
# Usage: bench/compare.sh [TASKS]   (default 3000). Prints the load average before and after.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
count="${1:-3000}"
python=/usr/bin/python3
vhost="ovs-bench-compare-$$"
url="amqp://guest:guest@127.0.0.1:5672/$vhost"
work="$(mktemp -d)"
celery_pid=""
cleanup() {
  set +e
  [[ -n "$celery_pid" ]] && kill -TERM "$celery_pid" 2>/dev/null && wait "$celery_pid" 2>/dev/null
  rabbitmqctl delete_vhost "$vhost" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
rabbitmqctl add_vhost "$vhost" >/dev/null
rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
if [[ ! -f "$root/bench/target/classpath.txt" || ! -d "$root/launcher/target/ovs/lib" ]]; then
  (cd "$root" && mvn -q -B -DskipTests install -pl bench -am)
fi
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"

mkdir -p "$work/config"
printf 'uris = %s\n' "$url" > "$work/config/io.ovsworkers.broker.rabbitmq.cfg"
printf 'resultExpires = 3600\n' > "$work/config/io.ovsworkers.results.rpc.cfg"
"$root/bench/run.sh" throughput -Dtasks="$count" -Dfeatures=core,rabbitmq,examples -Dconfig.dir="$work/config" | grep tasks/s
"$root/bench/run.sh" throughput -Dtasks="$count" | grep tasks/s

(cd "$root/bench/python" && BENCH_BROKER="$url" exec "$python" -m celery -A noop_app worker --concurrency "$(nproc)" \
    --without-heartbeat --without-gossip --without-mingle -l info) > "$work/celery.log" 2>&1 &
celery_pid=$!
deadline=$(( $(date +%s) + 60 ))
until grep -q "ready\." "$work/celery.log"; do
  (( $(date +%s) < deadline )) || { echo "the Python Celery worker did not start" >&2; cat "$work/celery.log" >&2; exit 1; }
  sleep 0.1
done
(cd "$root/bench/python" && BENCH_BROKER="$url" "$python" celery_throughput.py "$count" noconfirm)
(cd "$root/bench/python" && BENCH_BROKER="$url" "$python" celery_throughput.py "$count" confirm)

m2="${MAVEN_REPO:-$HOME/.m2/repository}"
java -cp "$m2/com/rabbitmq/amqp-client/5.38.0/amqp-client-5.38.0.jar:$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar" \
  "$root/bench/amqp/RawAmqpRoundTrip.java" "$url" "$count" 2>/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
