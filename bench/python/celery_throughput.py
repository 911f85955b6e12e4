"""Python Celery's figure for bench/compare.sh: N no-op tasks sent to a Python Celery worker (noop_app, started by
the script) on the same RabbitMQ, every result read back over rpc://, as bench/run.sh throughput does for ours.
Usage: BENCH_BROKER=amqp://... python3 celery_throughput.py COUNT confirm|noconfirm
"""
import sys
import time

from celery.result import ResultSet

from noop_app import app


def main():
    count, mode = int(sys.argv[1]), sys.argv[2]
    app.conf.broker_transport_options = {"confirm_publish": mode == "confirm"}
    app.send_task("ovs.examples.echo", args=["warm-up"]).get(timeout=60)
    start = time.time()
    sent = ResultSet([app.send_task("ovs.examples.echo", args=[i]) for i in range(count)])
    sent.get(timeout=300)  # drains the reply queue for all of them, as fast as Celery's client can
    per_second = count / (time.time() - start)
    print("python celery 5.2, %d no-op tasks with results, publisher confirms %s: %.0f tasks/s"
          % (count, "on" if mode == "confirm" else "off (Celery's default)", per_second))


if __name__ == "__main__":
    main()
