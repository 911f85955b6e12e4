"""A Python Celery client: sends tasks to the Java node and awaits their results over rpc://.

argv[1]: a JSON list of calls {"name", "args", "kwargs", "options", "link", "link_error"}; options go to send_task
(routing_key, countdown, expires, time_limit, soft_time_limit), link and link_error are {"name", "args"} signatures,
frozen here so that the linked task's result can be awaited too. Prints one JSON outcome per call:
{"id", "state", "result"} or {"id", "state", "error", "module", "args"}, with "link"/"link_error" outcomes.
With argv[2] = --send-only it prints the task ids without waiting.
"""
import json
import sys

from ovs_itest import app


def outcome(result):
    try:
        value = result.get(timeout=15)
        return {'id': result.id, 'state': result.state, 'result': value}
    except Exception as e:
        return {'id': result.id, 'state': result.state, 'error': type(e).__name__, 'module': type(e).__module__,
                'args': [a if isinstance(a, (int, float, str)) else str(a) for a in e.args]}


def frozen(spec):
    signature = app.signature(spec['name'], args=spec.get('args', []))
    signature.freeze()
    return signature


sent = []
for call in json.loads(sys.argv[1]):
    linked = {key: frozen(call[key]) for key in ('link', 'link_error') if key in call}
    result = app.send_task(call['name'], args=call.get('args', []), kwargs=call.get('kwargs', {}),
                           **call.get('options', {}), **linked)
    sent.append((result, linked))
if sys.argv[2:] == ['--send-only']:
    outcomes = [{'id': result.id} for result, _ in sent]
else:
    outcomes = []
    for result, linked in sent:
        entry = outcome(result)
        for key, signature in linked.items():
            entry[key] = outcome(app.AsyncResult(signature.id))
        outcomes.append(entry)
print(json.dumps(outcomes), flush=True)
with app.connection_for_write() as conn:
    conn.default_channel.queue_delete(app.backend.oid)
