# Sourced by cluster/run.sh: starts and stops a three-node cluster on one machine (see cluster/README.md).
# Every start is paired with a cleanup in the EXIT trap that run.sh installs: nodes, the store, RabbitMQ's app
# if a scenario stopped it, the throwaway vhost and the temporary homes.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/cluster"
python=/usr/bin/python3
work="$(mktemp -d /tmp/ovs-cluster.XXXXXX)"
vhost="ovs-cluster-$$"
broker_url="amqp://guest:guest@127.0.0.1:5672/$vhost"
machines=(node1 node2 node3)
declare -A masters=([node1]=true [node2]=true [node3]=false)
declare -A node_pid=()
store_pid=""
rabbit_stopped=""

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now_ms() { date +%s%3N; }

cleanup() {
  local status=$?
  set +e
  if [[ -n "$rabbit_stopped" ]]; then rabbitmqctl start_app >/dev/null 2>&1; fi
  for id in "${!node_pid[@]}"; do kill -KILL "${node_pid[$id]}" 2>/dev/null; done
  for id in "${!node_pid[@]}"; do wait "${node_pid[$id]}" 2>/dev/null; done
  if [[ -n "$store_pid" ]]; then kill -KILL "$store_pid" 2>/dev/null; wait "$store_pid" 2>/dev/null; fi
  rabbitmqctl delete_vhost "$vhost" >/dev/null 2>&1
  if [[ -n "${OVS_CLUSTER_KEEP:-}" ]]; then
    mkdir -p "$OVS_CLUSTER_KEEP" && cp -r "$work"/node* "$work"/store.log "$OVS_CLUSTER_KEEP"/ 2>/dev/null
  fi
  rm -rf "$work"
  exit "$status"
}

# wait_until SECONDS DESCRIPTION COMMAND...: runs COMMAND until it succeeds, fails after the deadline
wait_until() {
  local deadline=$(( $(date +%s) + $1 )) what="$2"; shift 2
  until "$@"; do
    if (( $(date +%s) >= deadline )); then log "timed out waiting for $what"; return 1; fi
    sleep 0.2
  done
}

client() { "$python" "$here/client.py" "$broker_url" "$@"; }

# Built once and kept in the modules' target/ folders until a source changes
build_plugins() {
  local plugin="$here/plugin/target/generations" broken="$here/broken-plugin/target/broken-plugin.jar"
  if [[ ! -f "$plugin/cluster-plugin-1.jar" || -n "$(find "$here/plugin/src" "$here/plugin/pom.xml" -newer "$plugin/cluster-plugin-1.jar" -print -quit)" ]]; then
    log "building the cluster plugin, versions 1.0.0 and 2.0.0"
    (cd "$root" && mvn -q -B -f cluster/plugin/pom.xml package -Dplugin.version=2.0.0) >&2
    mkdir -p "$plugin"
    cp "$here"/plugin/target/io.ovsworkers.cluster.plugin-*.jar "$plugin/cluster-plugin-2.jar"
    (cd "$root" && mvn -q -B -f cluster/plugin/pom.xml package -Dplugin.version=1.0.0) >&2
    cp "$here"/plugin/target/io.ovsworkers.cluster.plugin-*.jar "$plugin/cluster-plugin-1.jar"
  fi
  if [[ ! -f "$broken" || -n "$(find "$here/broken-plugin/src" "$here/broken-plugin/pom.xml" -newer "$broken" -print -quit)" ]]; then
    log "building the broken plugin"
    (cd "$root" && mvn -q -B -f cluster/broken-plugin/pom.xml package) >&2
    cp "$here"/broken-plugin/target/io.ovsworkers.cluster.broken-*.jar "$broken"
  fi
  mkdir -p "$work/jars"
  cp "$plugin/cluster-plugin-1.jar" "$plugin/cluster-plugin-2.jar" "$broken" "$work/jars/"
}

# The distribution and the store's jars are copied first: other builds may replace them while the cluster runs.
snapshot_distribution() {
  [[ -d "$root/launcher/target/ovs/lib" ]] || (cd "$root" && mvn -q -B -DskipTests install -pl launcher -am) >&2
  cp -r "$root/launcher/target/ovs" "$work/dist"
  local arakoon="$root/bundles/arakoon/target"
  [[ -f "$arakoon/io.ovsworkers.arakoon-1.0.0-SNAPSHOT-tests.jar" ]] \
    || (cd "$root" && mvn -q -B -DskipTests install -pl bundles/arakoon) >&2
  mkdir -p "$work/store"
  cp "$arakoon/io.ovsworkers.arakoon-1.0.0-SNAPSHOT.jar" "$arakoon/io.ovsworkers.arakoon-1.0.0-SNAPSHOT-tests.jar" \
    "$work/dist/lib/slf4j-api-2.0.17.jar" "$work/dist/lib/slf4j-simple-2.0.17.jar" "$work/store/"
}

start_store() {
  java -cp "$work/store/*" "$here/store/ArakoonStore.java" ovscluster 3 "$work/store-nodes" > "$work/store.log" 2>&1 &
  store_pid=$!
  wait_until 60 "the Arakoon test double" test -s "$work/store-nodes"
  log "store (Arakoon test double): $(cat "$work/store-nodes")"
}

make_vhost() {
  rabbitmqctl add_vhost "$vhost" >/dev/null
  rabbitmqctl set_permissions -p "$vhost" guest '.*' '.*' '.*' >/dev/null
  log "RabbitMQ vhost $vhost"
}

make_home() { # id
  local home="$work/$1"
  mkdir -p "$home/config" "$home/deploy" "$home/data"
  printf 'machineId = %s\nmaster = %s\n' "$1" "${masters[$1]}" > "$home/config/io.ovsworkers.node.cfg"
  printf 'concurrency = 4\nprefetch = 4\n' > "$home/config/io.ovsworkers.worker.cfg"
  printf 'uris = %s\n' "$broker_url" > "$home/config/io.ovsworkers.broker.rabbitmq.cfg"
  printf 'resultExpires = 3600\n' > "$home/config/io.ovsworkers.results.rpc.cfg"
  printf 'clusterId = ovscluster\nnodes = %s\n' "$(cat "$work/store-nodes")" > "$home/config/io.ovsworkers.arakoon.cfg"
  printf 'enabled = true\nleaseSeconds = 5\nmissedPolicy = fire-latest-once\n' > "$home/config/io.ovsworkers.beat.cfg"
  printf 'leaseSeconds = 5\n' > "$home/config/io.ovsworkers.ensuresingle.cfg"
  deploy_jar "$1" "$work/jars/cluster-plugin-1.jar" cluster-plugin.jar
}

# deploy_jar ID JAR NAME: copy beside, rename into place (FileInstall never sees half a jar)
deploy_jar() {
  cp "$2" "$work/$1/deploy/.$3.part"
  mv "$work/$1/deploy/.$3.part" "$work/$1/deploy/$3"
}

start_node() { # id
  local home="$work/$1"
  java -Xmx256m -cp "$work/dist/lib/*" io.ovsworkers.launcher.Main --home "$home" \
    --features core,rabbitmq,arakoon --no-console >> "$home/out.log" 2>&1 &
  node_pid[$1]=$!
}

node_answers() { # id: the node answers cluster.whoami on its own queue
  client whoami --routing-key "sr.$1.whoami" --count 1 --wait 5 2>/dev/null | grep -q "\"$1 "
}

wait_node() { # id
  wait_until 120 "$1 to boot" grep -q "ready in" "$work/$1/out.log"
  wait_until 120 "$1 to answer on sr.$1" node_answers "$1"
}

start_cluster() {
  snapshot_distribution
  build_plugins
  start_store
  make_vhost
  local id t0
  for id in "${machines[@]}"; do make_home "$id"; done
  t0=$(now_ms)
  for id in "${machines[@]}"; do start_node "$id"; done
  for id in "${machines[@]}"; do wait_node "$id"; done
  log "cluster ready in $(( $(now_ms) - t0 )) ms: ${machines[*]} (masters: node1 node2), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
