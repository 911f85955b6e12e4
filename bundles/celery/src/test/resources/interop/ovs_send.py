"""A Python Celery client: send_task to a Java worker and wait for its result over rpc://.

argv: task name, routing key, JSON [args, kwargs], and optionally a serializer (then it only sends).
Prints {"id"} when sent, then {"state", "result"} or {"state", "error", "module", "args"}."""
import json
import sys

from ovs_interop import app

name, routing_key, payload = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
serializer = sys.argv[4] if len(sys.argv) > 4 else 'json'
result = app.send_task(name, args=payload[0], kwargs=payload[1], routing_key=routing_key, serializer=serializer)
print(json.dumps({'id': result.id}), flush=True)
if serializer != 'json':
    app.drop_reply_queue()
    sys.exit(0)
try:
    value = result.get(timeout=15)
    print(json.dumps({'state': result.state, 'result': value}), flush=True)
except Exception as e:
    print(json.dumps({'state': result.state, 'error': type(e).__name__, 'module': type(e).__module__,
                      'args': [str(a) for a in e.args]}), flush=True)
app.drop_reply_queue()
