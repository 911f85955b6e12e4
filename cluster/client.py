"""A Python Celery client of the cluster scenarios: sends tasks to the Java nodes and reads their rpc:// results.

Usage: client.py BROKER_URL COMMAND [options]; every command prints one JSON line with what it saw.
  whoami   --routing-key K --count N       cluster.whoami N times on K; counts answers per machine and version
  send     NAME --args JSON [--routing-key K] [--time-limit S] [--wait S]   one task; its state and result
  stream   --count N [--seconds S] [--first SEQ] [--ids]   N cluster.work(seq, S) tasks on generic, then waits for
           all their results (--wait: seconds in all); results per version, failures, missing
  poison   --count N                       N messages a worker must never deserialize, on generic.default
"""
import argparse
import json
import pickle
import sys
import time

from celery import Celery
from kombu import Connection, Exchange, Producer, Queue


def app_for(url):
    app = Celery("cluster_client", broker=url, backend="rpc://")
    app.conf.update(
        task_default_exchange="generic", task_default_exchange_type="topic",
        task_default_routing_key="generic.default", task_default_queue="ovs_generic",
        task_queues=(Queue("ovs_generic", Exchange("generic", "topic"), routing_key="generic.#"),),
        accept_content=["json"], result_accept_content=["json"], task_serializer="json",
        result_serializer="json", broker_transport_options={"confirm_publish": True},
        # a publish during a broker outage is retried until the broker is back, not dropped
        task_publish_retry_policy={"max_retries": None, "interval_start": 0.2, "interval_step": 0.2, "interval_max": 1},
        broker_connection_retry=True, broker_connection_max_retries=None)
    return app


def send(app, name, args, routing_key="generic.default", time_limit=None):
    return app.send_task(name, args=args, exchange="generic", routing_key=routing_key,
                         time_limit=time_limit, soft_time_limit=None)


def whoami(app, opts):
    answers, failures = {}, []
    results = [send(app, "cluster.whoami", [], opts.routing_key) for _ in range(opts.count)]
    for r in results:
        try:
            value = r.get(timeout=opts.wait)
            key = "%s %s" % (value["machine"], value["version"])
            answers[key] = answers.get(key, 0) + 1
        except Exception as e:  # noqa: BLE001 - reported, not hidden
            failures.append("%s: %s" % (type(e).__name__, e))
    return {"answers": answers, "failures": failures}


def single(app, opts):
    started = time.time()
    r = send(app, opts.name, json.loads(opts.args), opts.routing_key, opts.time_limit)
    try:
        value = r.get(timeout=opts.wait, propagate=False)
    except Exception as e:  # noqa: BLE001
        return {"id": r.id, "state": "TIMEOUT", "error": str(e)}
    return {"id": r.id, "state": r.state, "result": value if r.state == "SUCCESS" else str(value),
            "seconds": round(time.time() - started, 3)}


def stream(app, opts):
    started = time.time()
    sent = []
    for seq in range(opts.first, opts.first + opts.count):
        sent.append((seq, send(app, "cluster.work", [seq, opts.seconds])))
    published = time.time()
    versions, failures, missing = {}, [], []
    deadline = time.time() + opts.wait
    for seq, r in sent:
        try:
            value = r.get(timeout=max(0.1, deadline - time.time()))
            versions[value["version"]] = versions.get(value["version"], 0) + 1
        except Exception as e:  # noqa: BLE001
            (missing if "TimeoutError" in type(e).__name__ else failures).append([seq, r.id, str(e)])
    finished = time.time()
    return {"sent": len(sent), "succeeded_by_version": versions, "failed": failures, "missing": missing,
            "ids": {str(seq): r.id for seq, r in sent} if opts.ids else None,
            "publish_seconds": round(published - started, 2), "total_seconds": round(finished - started, 2)}


def poison(url, opts):
    bodies = [
        (pickle.dumps({"task": "cluster.whoami", "args": []}), "application/x-python-serialize", "binary"),
        (b"{not json", "application/json", "utf-8"),
        (b"\xff\xfe\x00garbage", "application/json", "utf-8"),
        (b'["args", "not", "a", "celery", "body"]', "application/json", "utf-8"),
        (b"--- !!python/object:os.system\n", "application/x-yaml", "utf-8"),
    ]
    with Connection(url) as conn:
        producer = Producer(conn.channel(), exchange=Exchange("generic", "topic"))
        for i in range(opts.count):
            body, content_type, encoding = bodies[i % len(bodies)]
            headers = {"task": "cluster.whoami", "id": "poison-%d" % i, "lang": "py"} if i % 2 else {}
            producer.publish(body, routing_key="generic.default", content_type=content_type,
                             content_encoding=encoding, headers=headers, delivery_mode=2)
    return {"published": opts.count}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("command", choices=["whoami", "send", "stream", "poison"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--args", default="[]")
    parser.add_argument("--routing-key", default="generic.default")
    parser.add_argument("--time-limit", type=float)
    parser.add_argument("--count", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=0)
    parser.add_argument("--wait", type=float, default=60)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--ids", action="store_true")
    opts = parser.parse_args()
    if opts.command == "poison":
        print(json.dumps(poison(opts.url, opts)))
        return
    app = app_for(opts.url)
    if opts.command == "whoami":
        out = whoami(app, opts)
    elif opts.command == "send":
        out = single(app, opts)
    else:
        out = stream(app, opts)
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
