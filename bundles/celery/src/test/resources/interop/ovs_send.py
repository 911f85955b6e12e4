"""A Python Celery client: send_task to a Java worker and wait for its result over rpc://.

argv: task name, routing key, JSON [args, kwargs]. Prints one JSON line: {"state", "result"} or {"error"}."""
import json
import sys

from ovs_interop import app

name, routing_key, payload = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
result = app.send_task(name, args=payload[0], kwargs=payload[1], routing_key=routing_key)
print(json.dumps({'id': result.id}), flush=True)
try:
    value = result.get(timeout=15)
    print(json.dumps({'state': result.state, 'result': value}), flush=True)
except Exception as e:
    print(json.dumps({'state': result.state, 'error': type(e).__name__, 'module': type(e).__module__,
                      'args': [str(a) for a in e.args]}), flush=True)
