"""Reads the run logs the cluster plugin writes ("<event> <seq> <task id> <machine> <version> <epoch ms>") and
checks a scenario's outcome. Prints one JSON line.

  runlog.py stream STREAM_JSON SWITCHES LOG...   hot reload: lost, failed, ran twice, old version after a switch
  runlog.py work FIRST_SEQ COUNT LOG...          seqs FIRST_SEQ.. : done once each? started twice?
  runlog.py ticks LOG...                         beat: runs of cluster.tick per minute slot
"""
import json
import sys
from collections import Counter, defaultdict


def read(paths):
    lines = []
    for path in paths:
        try:
            with open(path) as f:
                for line in f:
                    event, seq, task_id, machine, version, ms = line.split()
                    lines.append((event, int(seq), task_id, machine, version, int(ms)))
        except FileNotFoundError:
            pass
    return lines


def stream(stream_json, switches_file, paths):
    with open(stream_json) as f:
        sent = json.load(f)
    switches = {}
    with open(switches_file) as f:
        for line in f:
            machine, ms = line.split()
            switches[machine] = int(ms)
    runs = [r for r in read(paths) if r[0] in ("start", "done")]
    ids = set(sent["ids"].values())
    starts = Counter(r[2] for r in runs if r[0] == "start" and r[2] in ids)
    dones = Counter(r[2] for r in runs if r[0] == "done" and r[2] in ids)
    old_after_switch = [r for r in runs if r[0] == "start" and r[3] in switches and r[5] > switches[r[3]]
                        and r[4] != "2.0.0"]
    by_machine_version = Counter("%s %s" % (r[3], r[4]) for r in runs if r[0] == "done" and r[2] in ids)
    return {"sent": len(ids), "results_by_version": sent["succeeded_by_version"],
            "failed": len(sent["failed"]), "missing_results": len(sent["missing"]),
            "never_ran": len(ids - set(dones)), "ran_twice": sum(1 for c in dones.values() if c > 1),
            "started_twice": sum(1 for c in starts.values() if c > 1),
            "old_version_started_after_switch": len(old_after_switch),
            "runs_by_machine_version": dict(sorted(by_machine_version.items())),
            "publish_seconds": sent["publish_seconds"], "total_seconds": sent["total_seconds"]}


def work(first, count, paths):
    runs = [r for r in read(paths) if first <= r[1] < first + count]
    starts = Counter(r[1] for r in runs if r[0] == "start")
    dones = Counter(r[1] for r in runs if r[0] == "done")
    return {"tasks": count, "never_done": count - len(dones), "done_twice": sum(1 for c in dones.values() if c > 1),
            "started_twice": sum(1 for c in starts.values() if c > 1),
            "started_twice_seqs": sorted(s for s, c in starts.items() if c > 1)[:20],
            "last_second_start_ms": max((r[5] for r in runs if r[0] == "start" and starts[r[1]] > 1), default=None),
            "done_by_machine": dict(Counter(r[3] for r in runs if r[0] == "done"))}


def ticks(paths):
    per_slot = defaultdict(list)
    for r in read(paths):
        if r[0] == "tick":
            per_slot[r[1]].append(r[3])
    return {"slots": len(per_slot), "slots_run_twice": sorted(s for s, m in per_slot.items() if len(m) > 1),
            "runs": {str(s): m for s, m in sorted(per_slot.items())}}


def main():
    command = sys.argv[1]
    if command == "stream":
        out = stream(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif command == "work":
        out = work(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
    else:
        out = ticks(sys.argv[2:])
    print(json.dumps(out))


if __name__ == "__main__":
    main()
