# Sourced by cluster/run.sh: one function per scenario; each prints a "RESULT name PASS|FAIL ..." line and
# returns non-zero when its check failed. Each leaves the cluster as it found it: three nodes answering.

result() { # name PASS|FAIL details...
  local name="$1" outcome="$2"; shift 2
  echo "RESULT $name $outcome $*"
  [[ "$outcome" == PASS ]]
}

json() { "$python" -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

scenario_routing() {
  local out ok=PASS details=""
  out=$(client whoami --routing-key masters.whoami --count 60)
  details+="masters: $(json 'd["answers"]' <<<"$out"); "
  json 'set(k.split()[0] for k in d["answers"]) <= {"node1","node2"} and not d["failures"]' <<<"$out" | grep -q True || ok=FAIL
  for id in "${machines[@]}"; do
    out=$(client whoami --routing-key "sr.$id.whoami" --count 20)
    details+="sr.$id: $(json 'd["answers"]' <<<"$out"); "
    json "set(k.split()[0] for k in d['answers']) == {'$id'} and not d['failures']" <<<"$out" | grep -q True || ok=FAIL
  done
  out=$(client whoami --routing-key generic.whoami --count 60)
  details+="generic: $(json 'd["answers"]' <<<"$out")"
  json 'sum(d["answers"].values()) == 60 and not d["failures"]' <<<"$out" | grep -q True || ok=FAIL
  result routing "$ok" "$details"
}

done_count() { cat "$work"/node*/data/cluster-runs.log 2>/dev/null | grep -c '^done' || true; }
at_least_done() { (( $(done_count) >= $1 )); }
node_version_is() { # id version
  client whoami --routing-key "sr.$1.whoami" --count 1 --wait 10 2>/dev/null | grep -q "\"$1 $2\""
}

scenario_hot_reload() {
  local count="${OVS_CLUSTER_STREAM:-10000}" stream_pid id t0 switches="$work/switches" out check ok=PASS
  rm -f "$work"/node*/data/cluster-runs.log
  : > "$switches"
  client stream --count "$count" --seconds 0.005 --wait 600 --ids > "$work/stream.json" &
  stream_pid=$!
  wait_until 300 "1000 tasks done" at_least_done 1000
  for id in "${machines[@]}"; do
    t0=$(now_ms)
    deploy_jar "$id" "$work/jars/cluster-plugin-2.jar" cluster-plugin.jar
    wait_until 120 "$id to serve 2.0.0" node_version_is "$id" 2.0.0
    echo "$id $(now_ms)" >> "$switches"
    log "$id serves 2.0.0 after $(( $(now_ms) - t0 )) ms, $(done_count) of $count tasks done"
    (( $(done_count) < count )) || ok=FAIL
  done
  wait "$stream_pid"
  check=$("$python" "$here/runlog.py" stream "$work/stream.json" "$switches" "$work"/node*/data/cluster-runs.log)
  json 'd["failed"] == 0 and d["missing_results"] == 0 and d["never_ran"] == 0 and d["ran_twice"] == 0 and d["started_twice"] == 0 and d["old_version_started_after_switch"] == 0' <<<"$check" | grep -q True || ok=FAIL
  for id in "${machines[@]}"; do node_version_is "$id" 2.0.0 || ok=FAIL; done
  # the next scenarios start from version 1.0.0 again
  for id in "${machines[@]}"; do
    deploy_jar "$id" "$work/jars/cluster-plugin-1.jar" cluster-plugin.jar
    wait_until 120 "$id to serve 1.0.0" node_version_is "$id" 1.0.0
  done
  result hot-reload "$ok" "$check"
}

started_on() { # id first-seq: runs of seq first-seq or later started on the node
  cat "$work/$1/data/cluster-runs.log" 2>/dev/null | awk -v f="$2" '$1 == "start" && $2 >= f' | wc -l
}
has_started_on() { (( $(started_on "$1" "$2") >= $3 )); }

restart_node() { # id
  start_node "$1"
  wait_node "$1"
}

# kill -9 a node while it runs tasks: its unacknowledged messages go to the other nodes
scenario_kill_node() {
  local stream_pid t_kill t_done check ok=PASS first=100000 count=48
  client stream --first "$first" --count "$count" --seconds 3 --wait 300 > "$work/kill.json" &
  stream_pid=$!
  wait_until 120 "node3 to run tasks" has_started_on node3 "$first" 2
  t_kill=$(now_ms)
  kill -KILL "${node_pid[node3]}"
  wait "${node_pid[node3]}" 2>/dev/null || true
  unset 'node_pid[node3]'
  log "node3 killed with $(started_on node3 "$first") task(s) started on it"
  wait "$stream_pid"
  t_done=$(now_ms)
  check=$("$python" "$here/runlog.py" work "$first" "$count" "$work"/node*/data/cluster-runs.log)
  json 'd["never_done"] == 0 and d["done_twice"] == 0' <<<"$check" | grep -q True || ok=FAIL
  json 'not d["failed"] and not d["missing"]' < "$work/kill.json" | grep -q True || ok=FAIL
  local t_restart=$(now_ms)
  restart_node node3
  result kill-node "$ok" "$check; the interrupted tasks started again $(( $(json 'd["last_second_start_ms"] or 0' <<<"$check") - t_kill )) ms after the kill; all $count results $(( t_done - t_kill )) ms after it; node3 back in $(( $(now_ms) - t_restart )) ms"
}

consumers_back() { # every node consumes its own queue again
  local id
  for id in "${machines[@]}"; do
    rabbitmqctl list_queues -p "$vhost" name consumers 2>/dev/null | grep -q "^ovs_$id[[:space:]]*[1-9]" || return 1
  done
}

# RabbitMQ's app stops for a few seconds while tasks stream, then starts again
scenario_rabbit_restart() {
  local stream_pid t_stop t_start t_back check ok=PASS first=200000 count=${OVS_RESTART_TASKS:-2000}
  # Celery's rpc:// client can block past its own timeout once its reply queue vanished: bounded from outside
  timeout -s KILL 180 "$python" "$here/client.py" "$broker_url" stream --first "$first" --count "$count" \
    --seconds 0.01 --wait 120 > "$work/rabbit.json" 2>"$work/rabbit.err" &
  stream_pid=$!
  wait_until 120 "300 tasks of the stream done" at_least_done_from "$first" 300
  t_stop=$(now_ms)
  rabbit_stopped=1
  rabbitmqctl stop_app >/dev/null
  log "RabbitMQ app stopped; the outage lasts 5 s"
  sleep 5
  rabbitmqctl start_app >/dev/null
  rabbit_stopped=""
  t_start=$(now_ms)
  wait_until 120 "the nodes to consume again" consumers_back || ok=FAIL
  t_back=$(now_ms)
  wait "$stream_pid" || true
  check=$("$python" "$here/runlog.py" work "$first" "$count" "$work"/node*/data/cluster-runs.log)
  local client_view
  client_view=$(json '"client: %d results, %d failed, %d missing" % (sum(d["succeeded_by_version"].values()), len(d["failed"]), len(d["missing"]))' < "$work/rabbit.json" 2>/dev/null \
    || echo "client: no summary, it hung on its rpc results and was killed after 180 s; last error: $(tail -1 "$work/rabbit.err")")
  json 'd["never_done"] == 0' <<<"$check" | grep -q True || ok=FAIL
  result rabbit-restart "$ok" "$check; $client_view; nodes consuming $(( t_back - t_start )) ms after start_app (outage $(( t_start - t_stop )) ms)"
}

at_least_done_from() { # first count
  (( $(cat "$work"/node*/data/cluster-runs.log 2>/dev/null | awk -v f="$1" '$1 == "done" && $2 >= f' | wc -l) >= $2 ))
}

beat_leader() { # prints the master whose latest leadership line says it leads
  local id
  for id in node1 node2; do
    [[ -n "${node_pid[$id]:-}" ]] || continue
    grep -h "Beat on $id leads now\|Beat on $id gave up\|Beat on $id lost the lead" "$work/$id/data/log/ovs.log" 2>/dev/null \
      | tail -1 | grep -q "leads now" && { echo "$id"; return 0; }
  done
  return 1
}
leads_after() { # id since-ms: a "leads now" line of id logged after since-ms
  "$python" - "$work/$1/data/log/ovs.log" "$1" "$2" <<'PY'
import datetime, sys
path, node, since = sys.argv[1], sys.argv[2], int(sys.argv[3])
for line in open(path, errors="replace"):
    if "Beat on %s leads now" % node in line:
        t = datetime.datetime.strptime(line.split()[0], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
        if t.timestamp() * 1000 > since:
            print(int(t.timestamp() * 1000)); sys.exit(0)
sys.exit(1)
PY
}
tick_for_slot() { grep -qh "^tick $1 " "$work"/node*/data/cluster-runs.log 2>/dev/null; }

# kill -9 the beat leader a few seconds before a minute slot: the other master takes over and fires it once
scenario_beat_failover() {
  local leader other t_kill t_lead first_slot boundary_slot now_s check ok=PASS
  wait_until 60 "a beat leader" beat_leader >/dev/null
  leader=$(beat_leader); other=$([[ $leader == node1 ]] && echo node2 || echo node1)
  first_slot=$(( $(date +%s) / 60 ))
  now_s=$(date +%s)
  # kill 8 s before the next minute (the lease is 5 s): the slot falls in the leaderless gap or just after it
  if (( 60 - now_s % 60 < 12 )); then sleep $(( 60 - now_s % 60 )); fi
  now_s=$(date +%s)
  sleep $(( 52 - now_s % 60 > 0 ? 52 - now_s % 60 : 0 ))
  boundary_slot=$(( $(date +%s) / 60 + 1 ))
  t_kill=$(now_ms)
  kill -KILL "${node_pid[$leader]}"
  wait "${node_pid[$leader]}" 2>/dev/null || true
  unset "node_pid[$leader]"
  log "beat leader $leader killed; $other should lead within about two leases"
  wait_until 60 "$other to lead" leads_after "$other" "$t_kill" >/dev/null || ok=FAIL
  t_lead=$(leads_after "$other" "$t_kill" || echo "$t_kill")
  wait_until 120 "the slot $boundary_slot to fire" tick_for_slot "$boundary_slot" || ok=FAIL
  check=$("$python" "$here/runlog.py" ticks "$work"/node*/data/cluster-runs.log)
  json 'not d["slots_run_twice"]' <<<"$check" | grep -q True || ok=FAIL
  local fired
  fired=$(grep -h "Beat fired cluster.tick for $(date -u -d @$(( boundary_slot * 60 )) +%Y-%m-%dT%H:%M:%SZ)" "$work"/node*/data/log/ovs.log | sed 's/.* as task /task /')
  restart_node "$leader"
  result beat-failover "$ok" "leader $leader killed, $other leads $(( t_lead - t_kill )) ms later; slot $(date -u -d @$(( boundary_slot * 60 )) +%H:%M) fired once: $fired; ticks: $check"
}

# a plugin whose component throws on activation: logged, its task never offered, the node serves on
scenario_broken_plugin() {
  local t0 t_log ok=PASS out
  t0=$(now_ms)
  deploy_jar node3 "$work/jars/broken-plugin.jar" broken-plugin.jar
  wait_until 60 "the activation failure in node3's log" grep -q "activation fails on purpose" "$work/node3/data/log/ovs.log" || ok=FAIL
  t_log=$(now_ms)
  node_answers node3 || ok=FAIL
  out=$(client send cluster.broken.never --routing-key sr.node3.never --wait 5)
  json 'd["state"] != "SUCCESS"' <<<"$out" | grep -q True || ok=FAIL
  rm "$work/node3/deploy/broken-plugin.jar"
  node_answers node3 || ok=FAIL
  result broken-plugin "$ok" "failure logged $(( t_log - t0 )) ms after the drop: $(grep -m1 -h "activation fails on purpose" "$work/node3/data/log/ovs.log" | cut -c1-220); node3 kept answering; cluster.broken.never sent to node3: $(json 'd["state"]' <<<"$out")"
}

# tasks that never return (they ignore interrupts) with a hard time limit of 3 s, one per worker slot of node3
scenario_hang() {
  local pids=() i out ok=PASS t0 states=""
  t0=$(now_ms)
  for i in 1 2 3 4; do
    client send cluster.hang --routing-key sr.node3.hang --time-limit 3 --wait 60 > "$work/hang-$i.json" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || ok=FAIL; done
  for i in 1 2 3 4; do
    states+="$(json '"%s in %ss (%s)" % (d["state"], d.get("seconds"), str(d.get("result"))[:60])' < "$work/hang-$i.json"); "
    json 'd["state"] == "FAILURE" and "TimeLimitExceeded" in str(d.get("result"))' < "$work/hang-$i.json" | grep -q True || ok=FAIL
  done
  local t_fail=$(now_ms)
  node_answers node3 || ok=FAIL
  result hang "$ok" "$states node3 answers with its four slots' threads abandoned, $(( $(now_ms) - t_fail )) ms after the last failure"
}

deadletters() { rabbitmqctl list_queues -p "$vhost" name messages 2>/dev/null | awk '$1 == "ovs_deadletter" {print $2}'; }
deadletters_at_least() { (( $(deadletters || echo 0) >= $1 )); }

# a flood of messages no worker may deserialize (pickle, YAML, malformed JSON, wrong shape, not UTF-8)
scenario_poison() {
  local count=1000 t0 t_dead out ok=PASS alive=0 id
  rabbitmqctl purge_queue -p "$vhost" ovs_deadletter >/dev/null
  t0=$(now_ms)
  client poison --count "$count" > /dev/null
  wait_until 120 "$count dead letters" deadletters_at_least "$count" || ok=FAIL
  t_dead=$(now_ms)
  out=$(client whoami --routing-key generic.whoami --count 30)
  json 'sum(d["answers"].values()) == 30 and not d["failures"]' <<<"$out" | grep -q True || ok=FAIL
  for id in "${machines[@]}"; do kill -0 "${node_pid[$id]}" 2>/dev/null && alive=$((alive + 1)); done
  (( alive == 3 )) || ok=FAIL
  local reason
  reason=$("$python" - "$broker_url" <<'PY'
import sys
from kombu import Connection
with Connection(sys.argv[1]) as c:
    m = c.default_channel.basic_get(queue="ovs_deadletter", no_ack=False)
    print((m.properties.get("application_headers") or {}).get("x-ovs-dead-letter-reason"))
PY
)
  rabbitmqctl purge_queue -p "$vhost" ovs_deadletter >/dev/null
  result poison "$ok" "$count published, $(deadletters_at_least 0 && echo all) dead-lettered within $(( t_dead - t0 )) ms (one reason: $reason); $alive of 3 nodes alive; 30 generic tasks after the flood: $(json 'd["answers"]' <<<"$out")"
}

started_from() { # first-seq: the node where a run of seq first-seq or later started
  cat "$work"/node*/data/cluster-runs.log 2>/dev/null | awk -v f="$1" '$1 == "start" && $2 >= f {print $4; exit}'
}
single_started() { [[ -n "$(started_from "$1")" ]]; }
single_done_once() { cat "$work"/node*/data/cluster-runs.log 2>/dev/null | awk -v s="$1" '$1 == "done" && $2 == s' | grep -q .; }

# kill -9 the node running an ensure-single (DEFAULT) task: while its registration's lease (5 s here) lasts, a
# duplicate is discarded; the killed run's redelivered message runs again once that lease is gone
scenario_kill_single() {
  local first=300000 victim t_kill out dup check ok=PASS
  timeout -s KILL 120 "$python" "$here/client.py" "$broker_url" send cluster.single --args "[$first, 15]" --wait 90 \
    > "$work/single.json" 2>/dev/null &
  local sender=$!
  wait_until 60 "cluster.single to start" single_started "$first"
  victim=$(started_from "$first")
  t_kill=$(now_ms)
  kill -KILL "${node_pid[$victim]}"
  wait "${node_pid[$victim]}" 2>/dev/null || true
  unset "node_pid[$victim]"
  log "killed $victim while it ran cluster.single $first"
  dup=$(client send cluster.single --args "[$((first + 1)), 0]" --wait 20)
  wait_until 30 "the killed run to complete elsewhere" single_done_once "$first" || ok=FAIL
  local again
  again=$(cat "$work"/node*/data/cluster-runs.log | awk -v s="$first" -v k="$t_kill" '$1 == "start" && $2 == s && $6 > k {print "started again " ($6 - k) " ms after the kill on " $4; exit}')
  wait "$sender" || true
  check=$("$python" - "$work" "$first" <<'PY'
import glob, json, sys
first = int(sys.argv[2])
runs = {}
for path in glob.glob(sys.argv[1] + "/node*/data/cluster-runs.log"):
    for line in open(path):
        event, seq, task, machine, version, ms = line.split()
        if int(seq) >= first and event in ("start", "done"):
            runs.setdefault((task, machine), {})[event] = int(ms)
spans = sorted((r["start"], r.get("done"), m) for (t, m), r in runs.items())
live = [(s, d) for s, d, m in spans if d is not None]
overlap = any(a[1] > b[0] for a, b in zip(live, live[1:]))
print(json.dumps({"runs": [[m, s, d] for s, d, m in spans], "completed_runs_overlap": overlap}))
PY
)
  json 'not d["completed_runs_overlap"]' <<<"$check" | grep -q True || ok=FAIL
  restart_node "$victim"
  result kill-single "$ok" "killed $victim mid-run; duplicate sent meanwhile: $(json '"%s (result %s)" % (d["state"], d.get("result"))' <<<"$dup"); the killed run ${again:-never started again}; its caller saw: $(json 'd["state"]' < "$work/single.json" 2>/dev/null || echo nothing); runs [node, start ms, done ms]: $check"
}
