"""Celery recipes (docs/howto/celery.md and celery-operations.md), run against a real worker.

The worker is Celery's own test worker (`celery.contrib.testing.worker.start_worker`): a
WorkController in a thread of this process, with an in-memory broker (`memory://`) and an
in-memory result backend. Messages are serialized to JSON and routed like on RabbitMQ or Redis;
only the transport is in memory.
"""
import runpy
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from celery import chain, chord, group
from celery.app.backends import BACKEND_ALIASES
from celery.beat import Scheduler
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from celery.schedules import crontab

from cookbook.celery_recipes import celery_settings, results_settings, tasks
from cookbook.celery_recipes.celery import app

COOKBOOK = Path(tasks.__file__).parent


@pytest.fixture(autouse=True)
def in_memory_app():
    """Point the recipes' app at an in-memory broker and result backend."""
    app.conf.update(
        broker_url="memory://",
        result_backend="cache+memory://",
        task_always_eager=False,
        task_track_started=True,
        task_routes=celery_settings.CELERY_TASK_ROUTES,
        worker_hijack_root_logger=False,
        worker_prefetch_multiplier=4,
        broker_transport_options={"polling_interval": 0.05},
    )
    tasks.CALLS.clear()
    tasks.RAN.clear()
    yield app
    # A worker started with queues=[...] (-Q) narrows the app's queue selection for good;
    # undo it, so the next default worker consumes every queue again.
    app.amqp.queues._consume_from = None


# --8<-- [start:worker-helper]
def worker(**options):
    """A real worker in a thread of the test process (Celery's own test worker)."""
    options = {"pool": "solo", "perform_ping_check": False, **options}
    return start_worker(app, **options)
# --8<-- [end:worker-helper]


# --- docs/howto/celery.md#celery-django-setup ---------------------------------------------
def test_setup_reads_celery_settings_and_finds_tasks(settings):
    for name in dir(celery_settings):
        if name.startswith("CELERY_"):
            setattr(settings, name, getattr(celery_settings, name))
    settings.CELERY_BROKER_URL = "memory://"
    # A fresh copy of celery.py, as the worker would import it.
    fresh = runpy.run_path(str(COOKBOOK / "celery.py"))["app"]
    assert fresh.conf.broker_url == "memory://"            # CELERY_BROKER_URL -> broker_url
    assert fresh.conf.task_serializer == "json"
    assert fresh.conf.task_track_started is True
    assert fresh.conf.task_routes == celery_settings.CELERY_TASK_ROUTES
    fresh.loader.import_default_modules()                  # what autodiscover_tasks() triggers
    assert "cookbook.celery_recipes.tasks.add" in fresh.tasks


def test_without_namespace_the_settings_are_ignored(settings):
    from celery import Celery
    settings.CELERY_BROKER_URL = "memory://"
    wrong = Celery("config")
    wrong.config_from_object("django.conf:settings")        # no namespace="CELERY"
    assert wrong.conf.broker_url != "memory://"


# --8<-- [start:first-worker-test]
def test_first_task_runs_on_a_worker():
    with worker():
        result = tasks.add.delay(2, 3)          # serialized to JSON, sent, run, stored
        assert result.get(timeout=10) == 5
        assert result.state == "SUCCESS"
# --8<-- [end:first-worker-test]


# --- docs/howto/celery.md#celery-windows ---------------------------------------------------
# --8<-- [start:pools]
@pytest.mark.parametrize("pool,concurrency", [("solo", 1), ("threads", 4)])
def test_solo_and_threads_pools_run_tasks(pool, concurrency):
    with worker(pool=pool, concurrency=concurrency):
        started = time.monotonic()
        results = [tasks.slow.delay(1.0, f"{pool}-{n}") for n in range(2)]
        assert [r.get(timeout=10) for r in results] == [f"{pool}-0", f"{pool}-1"]
        elapsed = time.monotonic() - started
    if pool == "solo":
        assert elapsed >= 2.0        # one task at a time, in the worker's main thread
    else:
        assert elapsed < 1.9         # threads run the two sleeps together
# --8<-- [end:pools]


# --- docs/howto/celery.md#celery-retry -----------------------------------------------------
def test_autoretry_with_backoff_succeeds_on_the_third_try():
    task = tasks.fetch_exchange_rates
    assert task.autoretry_for == (ConnectionError, TimeoutError)
    assert (task.retry_backoff, task.retry_jitter, task.max_retries) == (True, True, 5)
    with worker():
        result = task.delay("ETB")
        assert result.get(timeout=15) == {"currency": "ETB", "rate": 1.0}
    assert tasks.CALLS["ETB"] == 3      # failed twice, retried twice, same task id


def test_manual_retry_keeps_the_task_id():
    with worker():
        result = tasks.confirm_payment.delay(7)
        assert result.get(timeout=10) == "paid"
        assert AsyncResult(result.id).state == "SUCCESS"
    assert tasks.CALLS["payment-7"] == 2


def test_retries_give_up_after_max_retries():
    with worker(), mock.patch.object(tasks, "get_rates_from_api", side_effect=TimeoutError("slow")):
        tasks.fetch_exchange_rates.max_retries = 1
        try:
            result = tasks.fetch_exchange_rates.delay("USD")
            with pytest.raises(TimeoutError):
                result.get(timeout=15)
            assert result.state == "FAILURE"
        finally:
            tasks.fetch_exchange_rates.max_retries = 5


# --- docs/howto/celery.md#celery-canvas ----------------------------------------------------
def test_chain_group_and_chord():
    # --8<-- [start:canvas]
    # chain: each result becomes the first argument of the next task.
    pipeline = chain(tasks.add.s(2, 2), tasks.add.s(4))          # add(add(2, 2), 4)
    # group: run tasks in parallel; the result is a list.
    fan_out = group(tasks.add.s(n, n) for n in range(3))
    # chord: a group, then one callback that receives the list of results.
    fan_in = chord((tasks.add.s(n, n) for n in range(3)), tasks.total.s())
    # --8<-- [end:canvas]
    with worker(pool="threads", concurrency=2):
        assert pipeline.apply_async().get(timeout=10) == 8
        assert fan_out.apply_async().get(timeout=10) == [0, 2, 4]
        assert fan_in.apply_async().get(timeout=15) == 6


def test_immutable_signature_ignores_the_previous_result():
    with worker():
        assert chain(tasks.add.s(1, 1), tasks.add.si(10, 10)).apply_async().get(timeout=10) == 20


# --- docs/howto/celery.md#celery-task-state ------------------------------------------------
def test_state_goes_pending_started_success():
    with worker():
        # --8<-- [start:state]
        result = tasks.slow.delay(1.0)          # returns at once with an AsyncResult
        task_id = result.id                     # store or return this id

        # Later, in another request or process:
        same = AsyncResult(task_id)
        # --8<-- [end:state]
        seen = set()
        deadline = time.monotonic() + 10
        while not same.ready() and time.monotonic() < deadline:
            seen.add(same.state)
            time.sleep(0.05)
        assert "STARTED" in seen                 # CELERY_TASK_TRACK_STARTED = True
        assert same.state == "SUCCESS"
        assert same.result == "slow"


def test_unknown_id_is_pending_too():
    assert AsyncResult("no-such-task-id").state == "PENDING"


def test_django_db_result_settings():
    # django-celery-results registers the "django-db" backend when its app is installed;
    # these are the two settings its documentation asks for.
    assert results_settings.CELERY_RESULT_BACKEND == "django-db"
    assert results_settings.CELERY_RESULT_EXTENDED is True
    assert "django-db" not in BACKEND_ALIASES       # Celery alone does not know the name


# --- docs/howto/celery.md#celery-testing ---------------------------------------------------
# --8<-- [start:test-direct]
def test_task_body_as_a_plain_function():
    assert tasks.add(2, 3) == 5               # calling the task runs it here, no broker


def test_view_enqueues_the_task():
    with mock.patch.object(tasks.send_welcome_email, "delay") as delay:
        tasks.send_welcome_email.delay(42)    # stands in for the view that calls it
    delay.assert_called_once_with(42)
# --8<-- [end:test-direct]


def test_eager_results_are_not_stored():
    app.conf.task_always_eager = True
    try:
        result = tasks.add.delay(1, 2)
        assert result.get() == 3                          # the EagerResult holds the value
        with pytest.warns(RuntimeWarning, match="task_store_eager_result"):
            assert AsyncResult(result.id).state == "PENDING"  # the backend never saw it
    finally:
        app.conf.task_always_eager = False


# --- docs/howto/celery.md#celery-countdown-revoke ------------------------------------------
def test_countdown_runs_later():
    with worker():
        sent = time.monotonic()
        result = tasks.record.apply_async(("later",), countdown=1)
        assert result.get(timeout=10) == "later"
        assert time.monotonic() - sent >= 0.9


def test_revoked_task_never_runs():
    with worker():
        # --8<-- [start:revoke]
        result = tasks.record.apply_async(("cancel me",), countdown=1)
        result.revoke()                      # or app.control.revoke(task_id)
        # --8<-- [end:revoke]
        time.sleep(2)
        assert result.state == "REVOKED"
    assert "cancel me" not in tasks.RAN


# --- docs/howto/celery-operations.md#celery-queues -----------------------------------------
def test_routed_task_waits_for_a_worker_on_its_queue():
    with worker(queues=["celery"]):
        report = tasks.build_report.delay(1)          # routed to "reports"
        assert tasks.add.delay(1, 1).get(timeout=10) == 2
        time.sleep(0.5)
        assert report.state == "PENDING"              # nobody consumes "reports" yet
    with worker(queues=["reports"]):
        assert report.get(timeout=10) == "report 1 ready"


def test_queue_chosen_at_call_time():
    with worker(queues=["urgent"]):
        assert tasks.add.apply_async((2, 2), queue="urgent").get(timeout=10) == 4


# --- docs/howto/celery-operations.md#celery-prefetch ---------------------------------------
# --8<-- [start:prefetch]
@pytest.mark.parametrize("multiplier,concurrency", [(4, 4), (1, 4), (1, 1)])
def test_prefetch_limit_is_per_worker(multiplier, concurrency):
    app.conf.worker_prefetch_multiplier = multiplier
    with worker(concurrency=concurrency) as controller:
        # One limit for the whole worker: multiplier x concurrency, not per process.
        assert controller.consumer.qos.value == multiplier * concurrency
        stats = app.control.inspect(timeout=2).stats()
        assert [s["prefetch_count"] for s in stats.values()] == [multiplier * concurrency]
# --8<-- [end:prefetch]


def test_long_task_settings():
    assert celery_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert celery_settings.CELERY_TASK_ACKS_LATE is True


# --- docs/howto/celery-operations.md#celery-beat -------------------------------------------
def test_crontab_entries_mean_what_the_comments_say():
    schedule = celery_settings.CELERY_BEAT_SCHEDULE
    nightly = schedule["nightly-report"]["schedule"]
    assert nightly.hour == {3} and nightly.minute == {0}
    weekdays = schedule["weekday-mornings"]["schedule"]
    assert weekdays.day_of_week == {1, 2, 3, 4, 5}
    assert crontab(minute="*/15").minute == {0, 15, 30, 45}
    assert schedule["every-5-minutes"]["schedule"] == timedelta(minutes=5)


def test_celery_crontab_needs_both_day_fields_unlike_cron():
    friday_13th = crontab(minute=0, hour=0, day_of_month=13, day_of_week=5)
    now = datetime(2026, 12, 6, 12, 0, tzinfo=timezone.utc)
    friday_13th.nowfun = lambda: now
    assert now + friday_13th.remaining_estimate(now) == datetime(2027, 8, 13, tzinfo=timezone.utc)


def test_beat_sends_due_tasks_and_a_worker_runs_them():
    app.conf.beat_schedule = {
        "every-second": {"task": "cookbook.celery_recipes.tasks.record",
                         "schedule": timedelta(seconds=1), "args": ("tick",)},
    }
    try:
        with worker():
            beat = Scheduler(app=app)     # what `celery -A config beat` runs, in memory
            beat.tick()                   # the first tick only reads the schedule
            time.sleep(1.1)
            beat.tick()                   # the entry is due: beat publishes one message
            deadline = time.monotonic() + 10
            while "tick" not in tasks.RAN and time.monotonic() < deadline:
                time.sleep(0.05)
        assert tasks.RAN.count("tick") == 1
    finally:
        app.conf.beat_schedule = {}


# --- docs/howto/celery-operations.md#celery-monitoring -------------------------------------
def test_inspect_sees_the_worker_and_its_tasks():
    with worker():
        # --8<-- [start:inspect]
        inspect = app.control.inspect(timeout=2)
        replies = inspect.ping()
        assert list(replies.values()) == [{"ok": "pong"}]
        registered = next(iter(inspect.registered().values()))
        assert "cookbook.celery_recipes.tasks.add" in registered
        assert next(iter(inspect.active().values())) == []
        # --8<-- [end:inspect]


# --- docs/howto/celery-operations.md#celery-rabbitmq-durable -------------------------------
def test_celery_declares_durable_queues_and_persistent_messages():
    # --8<-- [start:durable]
    queue = app.amqp.queues[app.conf.task_default_queue]
    assert queue.name == "celery"
    assert queue.durable is True
    assert queue.exchange.durable is True
    assert app.conf.task_default_delivery_mode == 2          # persistent messages
    # --8<-- [end:durable]
