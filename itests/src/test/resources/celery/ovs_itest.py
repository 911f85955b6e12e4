"""A Celery 5.2 app with the original OVS queue layout on the node's own exchange and queues: exchange 'generic',
queues ovs_generic (generic.#), ovs_masters (masters.#), ovs_<machine id> (sr.<machine id>.#), in the throwaway virtual
host of one test (OVS_BROKER). Python-only tasks live on a queue of their own, python_itest (python.#), so that the
Java node never takes them.
"""
import os

from celery import Celery
from kombu import Queue

MACHINE_ID = os.environ['OVS_MACHINE_ID']

app = Celery('ovs_itest', broker=os.environ['OVS_BROKER'], backend='rpc://')
app.conf.update(
    task_default_queue='ovs_generic',
    task_queues=(Queue('ovs_generic', routing_key='generic.#'),
                 Queue('ovs_masters', routing_key='masters.#'),
                 Queue('ovs_' + MACHINE_ID, routing_key='sr.{0}.#'.format(MACHINE_ID)),
                 Queue('python_itest', routing_key='python.#')),
    task_default_exchange='generic',
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


class CustomError(Exception):
    pass


@app.task(name='ovs_itest.add')
def add(x, y):
    return x + y


@app.task(name='ovs_itest.fail')
def fail(message):
    raise CustomError(message, 42)


@app.task(name='ovs_itest.retry_once', bind=True)
def retry_once(self, value):
    if self.request.retries == 0:
        raise self.retry(countdown=0.1)
    return {'value': value, 'retries': self.request.retries}
