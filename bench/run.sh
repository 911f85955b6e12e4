#!/usr/bin/env bash
# Runs one benchmark of bench/ against the built distribution: ./bench/run.sh NAME [-Dkey=value ...]
#   inline-dispatch   JMH: inline call through the core against a direct Java call
#   startup           cold start to ready and idle resident memory, ours against a Python Celery worker
#   deploy            deploy-to-callable latency of a plugin jar
#   throughput        no-op tasks/s with results through the serving broker (embedded by default)
#   cas               KeyValueStore compare-and-set ops/s
#   ensure-single     JMH: uncontended DEFAULT and DEDUPED inline calls beside no policy and a plain store write
#   arakoon           a real Arakoon cluster (-Darakoon.ini=/path/to/cluster.ini; skipped without): client ops/s and
#                     results stored per second by the Arakoon result backend
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="${1:?usage: bench/run.sh inline-dispatch|startup|deploy|throughput|cas|ensure-single|arakoon [-Dkey=value ...]}"
shift
if [[ ! -f "$root/bench/target/classpath.txt" || ! -d "$root/launcher/target/ovs/lib" ]]; then
  (cd "$root" && mvn -q -B -DskipTests install -pl bench -am)
fi
cp="$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")"
java_opts=(-Dovs.dist="$root/launcher/target/ovs" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)
case "$name" in
  inline-dispatch) exec java -cp "$cp" "${java_opts[@]}" "$@" org.openjdk.jmh.Main InlineDispatchBenchmark -jvmArgs "-Dovs.dist=$root/launcher/target/ovs -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" ;;
  ensure-single) exec java -cp "$cp" "${java_opts[@]}" "$@" org.openjdk.jmh.Main EnsureSingleBenchmark -jvmArgs "-Dovs.dist=$root/launcher/target/ovs -Dorg.slf4j.simpleLogger.defaultLogLevel=warn" ;;
  deploy) exec java -cp "$cp" "${java_opts[@]}" "$@" io.ovsworkers.bench.DeployLatency ;;
  throughput) exec java -cp "$cp" "${java_opts[@]}" "$@" io.ovsworkers.bench.Throughput ;;
  cas) exec java -cp "$cp" "${java_opts[@]}" "$@" io.ovsworkers.bench.StoreCompareAndSet ;;
  arakoon) exec java -cp "$cp" "${java_opts[@]}" "$@" io.ovsworkers.bench.ArakoonBenchmark ;;
  startup) exec "$root/bench/startup.sh" "$@" ;;
  *) echo "unknown benchmark $name" >&2; exit 2 ;;
esac
