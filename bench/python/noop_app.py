"""A minimal Python Celery app on the local RabbitMQ, the peer the benchmarks compare against."""
import os

from celery import Celery

app = Celery("noop_app", broker=os.environ.get("BENCH_BROKER", "amqp://guest:guest@127.0.0.1:5672//"), backend="rpc://")
app.conf.task_serializer = "json"
app.conf.result_serializer = "json"
app.conf.accept_content = ["json"]
app.conf.worker_prefetch_multiplier = 1


@app.task(name="ovs.examples.echo")
def echo(value):
    return value
