"""Receives Celery events like `celery events` does, until it has seen each wanted event type from one worker.

Usage: events_receiver.py BROKER_URL HOSTNAME TYPE [TYPE ...]
Prints 'ready' once its queue is bound, then one JSON line per event of HOSTNAME, and exits 0 when every TYPE was
seen (exit 1 after 30 s).
"""
import json
import sys

from celery import Celery

broker, hostname, wanted = sys.argv[1], sys.argv[2], set(sys.argv[3:])
app = Celery(broker=broker)
seen = set()


def on_event(event):
    if event.get('hostname') != hostname:
        return
    print(json.dumps(event), flush=True)
    seen.add(event['type'])
    if wanted <= seen:
        raise SystemExit(0)


with app.connection() as connection:
    receiver = app.events.Receiver(connection, handlers={'*': on_event})
    consume_ready = receiver.on_consume_ready

    def announce_ready(*args, **kwargs):
        consume_ready(*args, **kwargs)
        print('ready', flush=True)

    receiver.on_consume_ready = announce_ready
    receiver.capture(limit=None, timeout=30, wakeup=False)
    raise SystemExit(1)
