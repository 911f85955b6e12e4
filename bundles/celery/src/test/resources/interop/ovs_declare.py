"""Declares the app's exchange and queues exactly as a starting Celery worker does, then publishes one task as a
Celery client does (kombu declares again on its first publish). Exits 0, or 1 with the broker's error."""
import sys

from ovs_interop import app

try:
    with app.connection_for_write() as conn:
        channel = conn.default_channel
        for queue in app.amqp.queues.values():
            queue(channel).declare()
    app.send_task('ovs_interop.noop', routing_key='generic.declare', ignore_result=True)
    app.drop_reply_queue()
except Exception as e:  # any broker refusal, PRECONDITION_FAILED above all
    print('FAILED: %r' % (e,))
    sys.exit(1)
print('DECLARED')
