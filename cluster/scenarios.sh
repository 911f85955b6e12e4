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
