"""docs/howto/celery-operations.md#celery-dead-letter: a rejected task lands in a dead-letter queue.

Services tier: dead-lettering is RabbitMQ's own feature, so the worker (Celery's test worker, in
a thread) runs against the real broker of bin/services.
"""
import os
import time

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from kombu import Connection

from cookbook.celery_recipes import dead_letter

pytestmark = pytest.mark.services


@pytest.fixture
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("amqp://"):
        pytest.skip("CELERY_BROKER_URL does not point to RabbitMQ; run make test-services")
    return url


@pytest.fixture
def payments_app(broker_url):
    app = Celery("payments", broker=broker_url, backend="cache+memory://", set_as_current=False)
    app.conf.update(task_queues=dead_letter.CELERY_TASK_QUEUES, task_routes=dead_letter.CELERY_TASK_ROUTES,
                    worker_hijack_root_logger=False)
    app.tasks.register(app.task(dead_letter.charge_card.run, name="payments.tasks.charge_card",
                                acks_late=True))
    yield app
    with Connection(broker_url) as conn:  # leave the shared vhost as it was
        channel = conn.default_channel
        for queue in ("payments", "payments.failed"):
            channel.queue_delete(queue)
        for exchange in ("payments", "dead-letters"):
            channel.exchange_delete(exchange)


def message_count(conn, queue):
    return conn.default_channel.queue_declare(queue, passive=True).message_count


def test_rejected_task_is_dead_lettered(payments_app, broker_url):
    charge = payments_app.tasks["payments.tasks.charge_card"]
    # The worker consumes "payments" only: like `celery -A config worker -Q celery,payments`.
    with start_worker(payments_app, pool="solo", perform_ping_check=False, queues=["payments"],
                      shutdown_timeout=60):
        assert charge.delay(2).get(timeout=20) == "payment 2: charged"
        declined = charge.delay(3)
        with Connection(broker_url) as conn:
            deadline = time.monotonic() + 20
            while message_count(conn, "payments.failed") == 0:
                assert time.monotonic() < deadline, "nothing was dead-lettered"
                time.sleep(0.1)
            message = conn.default_channel.basic_get("payments.failed", no_ack=True)
    death = message.headers["x-death"][0]
    assert death["reason"] == "rejected" and death["queue"] == "payments"
    assert message.headers["id"] == declined.id          # the original task message, kept whole
    assert declined.state == "FAILURE"                   # Celery 5.7 records the Reject as a failure
