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
