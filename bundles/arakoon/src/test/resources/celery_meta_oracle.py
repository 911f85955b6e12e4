"""Reads and writes task meta with Celery's own key-value result backend (Celery 5.2, JSON serializer).

stdin: one JSON object per line:
  {"op": "read", "id": <task id>, "value": <stored value as text>}  -> Celery's view of it
  {"op": "write", "id": <task id>, "state": ..., "result": ..., "traceback": ...} -> the value Celery stores
  {"op": "read_group", "id": <group id>, "value": <stored value as text>} -> the member ids GroupResult.restore finds
  {"op": "write_group", "id": <group id>, "ids": [<task id>, ...]} -> the value GroupResult.save stores
stdout: one JSON object per input line.
"""
import json
import sys

from celery import Celery
from celery.backends.base import KeyValueStoreBackend

STORE = {}


def text(key):
    return key.decode() if isinstance(key, bytes) else key


class DictBackend(KeyValueStoreBackend):
    def get(self, key):
        return STORE.get(text(key))

    def mget(self, keys):
        return [self.get(k) for k in keys]

    def set(self, key, value):
        STORE[text(key)] = value

    def delete(self, key):
        STORE.pop(text(key), None)


app = Celery("oracle", set_as_current=True)
app.conf.result_serializer = "json"
app.conf.accept_content = ["json"]
backend = DictBackend(app=app)

for line in sys.stdin:
    request = json.loads(line)
    task_id = request["id"]
    if request["op"] == "read":
        backend.set(backend.get_key_for_task(task_id), request["value"])
        result = app.AsyncResult(task_id, backend=backend)
        value = result.result
        if isinstance(value, BaseException):
            value = {"exception": type(value).__name__, "args": [str(a) for a in value.args]}
        print(json.dumps({"state": result.state, "result": value, "traceback": result.traceback,
                          "date_done": result.date_done.isoformat() if result.date_done else None,
                          "ready": result.ready()}))
    elif request["op"] == "read_group":
        backend.set(backend.get_key_for_group(task_id), request["value"])
        group = app.GroupResult.restore(task_id, backend=backend)
        print(json.dumps({"id": group.id, "ids": [member.id for member in group.results]}))
    elif request["op"] == "write_group":
        app.GroupResult(task_id, [app.AsyncResult(member) for member in request["ids"]]).save(backend=backend)
        print(json.dumps({"value": text(backend.get(backend.get_key_for_group(task_id)))}))
    else:
        if request["state"] == "FAILURE":
            backend.mark_as_failure(task_id, ValueError(request["result"]), traceback=request["traceback"])
        else:
            backend.store_result(task_id, request["result"], request["state"], traceback=request["traceback"])
        value = backend.get(backend.get_key_for_task(task_id))
        print(json.dumps({"value": text(value)}))
    sys.stdout.flush()
