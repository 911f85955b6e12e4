"""A Celery 5.2 app with the original OVS queue layout, for interoperability tests with the Java broker.

Names carry a per-run suffix (OVS_RUN) so that a test run never touches the real 'generic' exchange or
'ovs_*' queues: exchange generic_<run>; queues ovs_generic_<run> (generic.#), ovs_masters_<run> (masters.#)
and ovs_<machine id>_<run> (sr.<machine id>.#). Settings as ovs/celery_run.py, under Celery 5 names.
"""
import os

from celery import Celery
from kombu import Queue

RUN = os.environ['OVS_RUN']
MACHINE_ID = 'a1b2c3d4e5f6'
EXCHANGE = 'generic_' + RUN
GENERIC = 'ovs_generic_' + RUN
MASTERS = 'ovs_masters_' + RUN
NODE = 'ovs_{0}_{1}'.format(MACHINE_ID, RUN)

app = Celery('ovs_interop', broker=os.environ.get('OVS_BROKER', 'amqp://guest:guest@127.0.0.1:5672//'),
             backend='rpc://')
app.conf.update(
    task_default_queue=GENERIC,
    task_queues=(Queue(GENERIC, routing_key='generic.#'),
                 Queue(MASTERS, routing_key='masters.#'),
                 Queue(NODE, routing_key='sr.{0}.#'.format(MACHINE_ID))),
    task_default_exchange=EXCHANGE,
    task_default_exchange_type='topic',
    task_default_routing_key='generic.default',
    worker_prefetch_multiplier=1,
    task_track_started=True,
    broker_heartbeat=10,
    accept_content=['json'],
    task_serializer='json',
    result_serializer='json',
    worker_enable_remote_control=False,
    worker_hijack_root_logger=False,
)


def drop_reply_queue():
    """Deletes this client's rpc:// reply queue, which outlives a client that never consumed it."""
    with app.connection_for_write() as conn:
        conn.default_channel.queue_delete(app.backend.oid)


app.drop_reply_queue = drop_reply_queue


class CustomError(Exception):
    pass


@app.task(name='ovs_interop.add')
def add(x, y):
    return x + y


@app.task(name='ovs_interop.echo')
def echo(*args, **kwargs):
    return {'args': list(args), 'kwargs': kwargs}


@app.task(name='ovs_interop.fail')
def fail(message):
    raise CustomError(message, 42)
