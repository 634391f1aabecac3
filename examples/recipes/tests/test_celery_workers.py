"""Celery recipes that need a worker of their own (docs/howto/celery.md#celery-windows,
docs/howto/celery-operations.md#celery-queues and #celery-prefetch): another pool, a -Q queue
list, another concurrency. Each test starts Celery's test worker in a thread, on the in-memory
broker of test_celery.py; one worker at a time, because embedded workers share one stop flag.
"""
import time
from contextlib import contextmanager

import pytest
from celery.contrib.testing.worker import start_worker
from celery.worker import state

from cookbook.celery_recipes import tasks
from cookbook.celery_recipes.celery import app
from tests.test_celery import IN_MEMORY, in_memory_app  # noqa: F401  (the same autouse fixture: in-memory broker)


@pytest.fixture(autouse=True)
def fresh_records():
    for record in (tasks.CALLS, tasks.RAN, tasks.SPANS, tasks.TIMES):
        record.clear()
    app.set_current()
    yield
    # A worker started with queues=[...] (-Q) narrows the app's queue selection for good;
    # undo it, so the next worker consumes every queue again.
    app.amqp.queues._consume_from = None
    app.conf.worker_prefetch_multiplier = IN_MEMORY["worker_prefetch_multiplier"]


@contextmanager
def worker(**options):
    """A real worker for one test, in a thread of the test process."""
    options = {"pool": "solo", "perform_ping_check": False, **options}
    with start_worker(app, **options) as controller:
        yield controller
        # Stop at once instead of after two 2-second broker polls (see test_celery.py).
        state.should_terminate = 0
        app.control.broadcast("ping")
        app.control.broadcast("ping")


def queue_length(name):
    """Messages waiting in a queue of the in-memory broker, like `rabbitmqctl list_queues`."""
    with app.connection_for_write() as conn:
        return conn.default_channel.queue_declare(name, passive=True).message_count


# --- docs/howto/celery.md#celery-windows ---------------------------------------------------
# --8<-- [start:pools]
@pytest.mark.parametrize("pool,concurrency", [("solo", 1), ("threads", 4)])
def test_solo_and_threads_pools_run_tasks(pool, concurrency):
    with worker(pool=pool, concurrency=concurrency):
        results = [tasks.slow.delay(0.3, f"{pool}-{n}") for n in range(2)]
        assert [r.get(timeout=10) for r in results] == [f"{pool}-0", f"{pool}-1"]
    (start_0, end_0), (start_1, end_1) = tasks.SPANS[f"{pool}-0"], tasks.SPANS[f"{pool}-1"]
    if pool == "solo":
        assert start_1 >= end_0          # one task at a time, in the worker's main thread
    else:
        assert start_1 < end_0           # threads run the two tasks at the same time
# --8<-- [end:pools]


# --- docs/howto/celery-operations.md#celery-queues -----------------------------------------
def test_routed_task_waits_for_a_worker_on_its_queue():
    with worker(queues=["celery"]):                   # -Q celery
        report = tasks.build_report.delay(1)          # routed to "reports"
        assert tasks.add.delay(1, 1).get(timeout=10) == 2
        assert report.state == "PENDING"              # nobody consumes "reports" yet...
        assert queue_length("reports") == 1           # ...so the message waits in the broker
    with worker(queues=["reports"]):                  # -Q reports
        assert report.get(timeout=10) == "report 1 ready"
        # A queue picked at call time goes to that queue's workers, whatever the routes say.
        assert tasks.add.apply_async((2, 2), queue="reports").get(timeout=10) == 4
    assert queue_length("reports") == 0


# --- docs/howto/celery-operations.md#celery-prefetch ---------------------------------------
# --8<-- [start:prefetch]
@pytest.mark.parametrize("multiplier,concurrency", [(4, 4), (1, 4), (1, 1)])
def test_prefetch_limit_is_per_worker(multiplier, concurrency):
    app.conf.worker_prefetch_multiplier = multiplier
    with worker(concurrency=concurrency) as controller:
        # One limit for the whole worker: multiplier x concurrency, not per process.
        assert controller.consumer.qos.value == multiplier * concurrency
        stats = app.control.inspect(timeout=2, limit=1).stats()
        assert [s["prefetch_count"] for s in stats.values()] == [multiplier * concurrency]
# --8<-- [end:prefetch]


def test_long_task_settings():
    from cookbook.celery_recipes import celery_settings
    assert celery_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert celery_settings.CELERY_TASK_ACKS_LATE is True
