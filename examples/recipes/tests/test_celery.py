"""Celery recipes (docs/howto/celery.md and celery-operations.md), run against a real worker.

The worker is Celery's own test worker (`celery.contrib.testing.worker.start_worker`): a
WorkController in a thread of this process, with an in-memory broker (`memory://`) and an
in-memory result backend. Messages are serialized to JSON and routed like on RabbitMQ or Redis;
only the transport is in memory. One worker serves the whole module; the recipes that need a
worker of their own (another pool, -Q queues, another concurrency) are in
test_celery_workers.py.
"""
import runpy
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

import pytest
from celery import Celery, chain, chord, group
from celery.app.backends import BACKEND_ALIASES
from celery.beat import Scheduler
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from celery.schedules import crontab
from celery.worker import state
from kombu.exceptions import EncodeError

from cookbook.celery_recipes import celery_settings, results_settings, tasks
from cookbook.celery_recipes.celery import app

COOKBOOK = Path(tasks.__file__).parent

# The settings the recipes' tests give the app: an in-memory broker and result backend.
IN_MEMORY = {
    "broker_url": "memory://",
    "result_backend": "cache+memory://",
    "task_always_eager": False,
    "task_track_started": True,
    "task_routes": celery_settings.CELERY_TASK_ROUTES,
    "worker_hijack_root_logger": False,
    "worker_prefetch_multiplier": 4,
    "broker_transport_options": {"polling_interval": 0.05},
}


@pytest.fixture(scope="module", autouse=True)
def in_memory_app():
    """Point the recipes' app at an in-memory broker and result backend, before any worker starts."""
    app.conf.update(IN_MEMORY)
    yield app


@pytest.fixture(autouse=True)
def fresh_records():
    for record in (tasks.CALLS, tasks.RAN, tasks.SPANS, tasks.TIMES):
        record.clear()
    yield
    app.set_current()   # a test that built another Celery app made it current; shared tasks follow it


# --8<-- [start:worker-fixture]
@pytest.fixture(scope="module")
def celery_worker():
    """One real worker for every test in this module, in a thread of the test process."""
    with start_worker(app, pool="solo", perform_ping_check=False) as worker:
        yield worker
# --8<-- [end:worker-fixture]


@pytest.fixture(scope="module", autouse=True)
def quick_worker_shutdown(celery_worker):
    """Test-suite plumbing, not part of the recipe: stop the module's worker in a moment.

    start_worker stops its worker with the process-wide flag celery.worker.state.should_terminate,
    which the worker reads between two 2-second polls of the in-memory broker. Raising the flag
    ourselves and sending two broadcast messages wakes those polls, so the stop takes
    milliseconds instead of about 4 s. (The same flag is why two embedded workers can't run side
    by side: stopping one stops both.)"""
    yield
    state.should_terminate = 0
    app.control.broadcast("ping")
    app.control.broadcast("ping")


def wait_until(condition, timeout=10.0):
    """Poll instead of sleeping a fixed time: return as soon as `condition()` is true."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


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
    assert fresh.conf.worker_max_tasks_per_child == 200       # docs/howto/celery-operations.md#celery-memory
    assert fresh.conf.worker_max_memory_per_child == 300_000
    fresh.loader.import_default_modules()                  # what autodiscover_tasks() triggers
    assert "cookbook.celery_recipes.tasks.add" in fresh.tasks


def test_without_namespace_the_settings_are_ignored(settings):
    settings.CELERY_BROKER_URL = "memory://"
    wrong = Celery("config", set_as_current=False)
    wrong.config_from_object("django.conf:settings")        # no namespace="CELERY"
    assert wrong.conf.broker_url != "memory://"


# --8<-- [start:first-worker-test]
def test_first_task_runs_on_a_worker(celery_worker):
    result = tasks.add.delay(2, 3)          # serialized to JSON, sent, run, stored
    assert result.get(timeout=10) == 5
    assert result.state == "SUCCESS"
# --8<-- [end:first-worker-test]


# --- docs/howto/celery.md#celery-retry -----------------------------------------------------
def test_autoretry_with_backoff_succeeds_on_the_third_try(celery_worker):
    task = tasks.fetch_exchange_rates
    assert task.autoretry_for == (ConnectionError, TimeoutError)
    assert (task.retry_backoff, task.retry_jitter, task.max_retries) == (True, True, 5)
    result = task.delay("ETB")
    assert result.get(timeout=15) == {"currency": "ETB", "rate": 1.0}
    assert tasks.CALLS["ETB"] == 3          # failed twice, retried twice, one result for one id


def test_backoff_waits_grow_and_stop_at_the_maximum():
    # What retry_backoff=True, retry_backoff_max=600 and retry_jitter compute for each retry.
    from celery.utils.time import get_exponential_backoff_interval as backoff
    waits = [backoff(factor=1, retries=n, maximum=600) for n in range(12)]
    assert waits[:5] == [1, 2, 4, 8, 16] and max(waits) == 600
    assert all(0 <= backoff(factor=1, retries=3, maximum=600, full_jitter=True) <= 8 for _ in range(50))


def test_manual_retry_keeps_the_task_id(celery_worker):
    result = tasks.confirm_payment.delay(7)
    assert result.get(timeout=10) == "paid"
    assert AsyncResult(result.id).state == "SUCCESS"
    assert tasks.CALLS["payment-7"] == 2


def test_retries_give_up_after_max_retries(celery_worker):
    with mock.patch.object(tasks, "get_rates_from_api", side_effect=TimeoutError("slow")), \
            mock.patch.object(tasks.fetch_exchange_rates, "max_retries", 1):
        result = tasks.fetch_exchange_rates.delay("USD")
        with pytest.raises(TimeoutError):
            result.get(timeout=15)                       # the last exception, not MaxRetriesExceeded
        assert result.state == "FAILURE"


# --- docs/howto/celery.md#celery-canvas ----------------------------------------------------
def test_chain_group_and_chord(celery_worker):
    # --8<-- [start:canvas]
    # chain: each result becomes the first argument of the next task.
    pipeline = chain(tasks.add.s(2, 2), tasks.add.s(4))          # add(add(2, 2), 4)
    # group: run tasks in parallel; the result is a list.
    fan_out = group(tasks.add.s(n, n) for n in range(3))
    # chord: a group, then one callback that receives the list of results.
    fan_in = chord((tasks.add.s(n, n) for n in range(3)), tasks.total.s())
    # --8<-- [end:canvas]
    assert pipeline.apply_async().get(timeout=10) == 8
    assert fan_out.apply_async().get(timeout=10) == [0, 2, 4]
    assert fan_in.apply_async().get(timeout=15) == 6


def test_groups_inside_a_chord_are_flattened(celery_worker):
    header = [group(tasks.add.s(1, 1), tasks.add.s(2, 2)), group(tasks.add.s(3, 3))]
    # total() gets one flat list of the three results (sum() of nested lists would fail).
    assert chord(header, tasks.total.s()).apply_async().get(timeout=15) == 2 + 4 + 6


def test_immutable_signature_ignores_the_previous_result(celery_worker):
    assert chain(tasks.add.s(1, 1), tasks.add.si(10, 10)).apply_async().get(timeout=10) == 20


def test_get_inside_a_task_is_refused(celery_worker):
    # Eager mode: Celery's test worker turns this check off in its thread; a real worker
    # process and eager mode keep it on.
    app.conf.task_always_eager = True
    try:
        result = tasks.add_then_double.delay(2, 3)
    finally:
        app.conf.task_always_eager = False
    with pytest.raises(RuntimeError, match=r"Never call result\.get\(\) within a task!"):
        result.get(timeout=10)
    assert chain(tasks.add.s(2, 3), tasks.add.s(5)).apply_async().get(timeout=10) == 10  # the fix


def test_chord_without_a_result_backend_is_refused():
    bare = Celery("no-backend", broker="memory://", set_as_current=False)

    @bare.task(shared=False)
    def add(x, y):
        return x + y

    @bare.task(shared=False)
    def total(numbers):
        return sum(numbers)

    with pytest.raises(NotImplementedError, match="Starting chords requires a result backend"):
        chord([add.s(1, 1)], total.s()).apply_async()


# --- docs/howto/celery.md#celery-chord-error -----------------------------------------------
def test_a_failed_header_task_fails_the_chord_and_calls_the_errback(celery_worker):
    from celery.exceptions import ChordError

    # --8<-- [start:chord-error]
    workflow = chord(
        [tasks.add.s(1, 1), tasks.fail.s("partner API down"), tasks.add.s(3, 3)],
        tasks.total.s().on_error(tasks.report_failure.s()),   # errback on the callback
    )
    result = workflow.apply_async()
    # total() never runs: its result fails with ChordError, naming the failed task.
    # --8<-- [end:chord-error]
    with pytest.raises(ChordError, match="partner API down"):
        result.get(timeout=15)
    assert result.state == "FAILURE"
    deadline = time.monotonic() + 10
    while not any(r.startswith("failed: ChordError") for r in tasks.RAN):
        assert time.monotonic() < deadline, tasks.RAN
        time.sleep(0.05)


# --- docs/howto/celery.md#celery-task-state ------------------------------------------------
def test_state_goes_pending_started_success(celery_worker):
    # --8<-- [start:state]
    result = tasks.slow.delay(0.3)          # returns at once with an AsyncResult
    task_id = result.id                     # store or return this id

    # Later, in another request or process:
    same = AsyncResult(task_id)
    # --8<-- [end:state]
    seen = set()
    deadline = time.monotonic() + 10
    while not same.ready() and time.monotonic() < deadline:
        seen.add(same.state)
        time.sleep(0.02)
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


def test_arguments_must_survive_json_even_in_eager_mode():
    # A real send serializes the arguments; Celery 5.7 round-trips them in eager mode too.
    with pytest.raises(EncodeError, match="not JSON serializable"):
        tasks.record.delay(object())
    app.conf.task_always_eager = True
    try:
        with pytest.raises(EncodeError, match="not JSON serializable"):
            tasks.record.delay(object())
        assert tasks.record.apply((marker := object(),)).get() is marker   # apply() skips it
    finally:
        app.conf.task_always_eager = False


def test_eager_results_are_not_stored():
    app.conf.task_always_eager = True
    try:
        result = tasks.add.delay(1, 2)
        assert result.get() == 3                          # the EagerResult holds the value
        with pytest.warns(RuntimeWarning, match="task_store_eager_result"):
            assert AsyncResult(result.id).state == "PENDING"  # the backend never saw it
    finally:
        app.conf.task_always_eager = False


def test_old_and_new_eager_setting_names(settings):
    settings.CELERY_ALWAYS_EAGER = True          # the name from before Celery 4
    old = Celery("config", set_as_current=False)
    old.config_from_object("django.conf:settings", namespace="CELERY")
    assert old.conf.task_always_eager is True    # still read by Celery 5, as a deprecated alias
    del settings.CELERY_ALWAYS_EAGER
    settings.CELERY_TASK_ALWAYS_EAGER = True
    new = Celery("config", set_as_current=False)
    new.config_from_object("django.conf:settings", namespace="CELERY")
    assert new.conf.task_always_eager is True


# --- docs/howto/celery.md#celery-countdown-revoke ------------------------------------------
def test_countdown_runs_later(celery_worker):
    sent = time.monotonic()
    result = tasks.record.apply_async(("later",), countdown=0.3)
    assert result.get(timeout=10) == "later"
    assert tasks.TIMES["later"] - sent >= 0.25          # it ran when asked, not at once


def test_revoked_task_never_runs(celery_worker):
    # --8<-- [start:revoke]
    result = tasks.record.apply_async(("cancel me",), countdown=0.3)
    result.revoke()                      # or app.control.revoke(task_id)
    # --8<-- [end:revoke]
    later = tasks.record.apply_async(("after",), countdown=0.4)
    assert later.get(timeout=10) == "after"          # the cancelled task's time has passed
    assert result.state == "REVOKED"
    assert "cancel me" not in tasks.RAN



# --- docs/howto/celery.md#celery-expires-purge ---------------------------------------------
def test_expired_task_is_revoked_not_run(celery_worker):
    from celery.exceptions import TaskRevokedError

    # --8<-- [start:expires]
    # Useless after 0.1 s, and due in 0.3 s: the worker skips it and records REVOKED.
    result = tasks.record.apply_async(("stale report",), countdown=0.3, expires=0.1)
    # --8<-- [end:expires]
    with pytest.raises(TaskRevokedError):
        result.get(timeout=10)
    assert result.state == "REVOKED"
    assert "stale report" not in tasks.RAN


def test_purge_deletes_the_waiting_messages():
    demo = Celery("purge-demo", broker="memory://", set_as_current=False)
    demo.conf.task_default_queue = "purge-demo"      # a queue no worker of this module consumes
    for n in range(3):
        demo.send_task("reports.build", args=(n,))
    # --8<-- [start:purge]
    deleted = demo.control.purge()   # the same as: celery -A config purge -f
    # --8<-- [end:purge]
    assert deleted == 3
    assert demo.control.purge() == 0


# --- docs/howto/celery.md#celery-on-commit --------------------------------------------------
def test_task_is_sent_only_after_commit(transactional_db, celery_worker):
    # transactional_db: real COMMITs, so the worker's own connection sees the row afterwards.
    from django.db import transaction

    from cookbook.celery_recipes import signup

    assert hasattr(tasks.greet_new_user, "delay_on_commit")  # DjangoTask, since Celery 5.4
    with transaction.atomic():         # the view's transaction (ATOMIC_REQUESTS) around sign_up
        signup.sign_up("ada", "ada@example.com")
        time.sleep(0.3)
        assert tasks.RAN == []         # not committed yet, so nothing was published
    wait_until(lambda: "greeted-ada" in tasks.RAN)  # COMMIT, publish, and the worker finds the row


def test_no_task_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    from cookbook.celery_recipes import signup

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            signup.sign_up("bob", "bob@example.com")
            raise RuntimeError("the rest of the sign-up failed")
    assert callbacks == []            # rolled back: no email for a user that does not exist

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


def test_celery_time_zone_falls_back_to_djangos_time_zone(settings):
    # --8<-- [start:timezone]
    # No CELERY_TIMEZONE: a Django project's Celery app uses TIME_ZONE, not UTC.
    settings.TIME_ZONE = "Africa/Addis_Ababa"
    fresh = Celery("config", set_as_current=False)
    fresh.config_from_object("django.conf:settings", namespace="CELERY")
    assert str(fresh.timezone) == "Africa/Addis_Ababa"
    assert str(crontab(hour=9, minute=0, app=fresh).tz) == "Africa/Addis_Ababa"
    # --8<-- [end:timezone]
    assert str(Celery("plain", set_as_current=False).timezone) == "UTC"  # no Django settings: UTC


def test_beat_sends_due_tasks_and_a_worker_runs_them(celery_worker):
    app.conf.beat_schedule = {
        "tick": {"task": "cookbook.celery_recipes.tasks.record",
                 "schedule": timedelta(seconds=0.2), "args": ("tick",)},
    }
    try:
        beat = Scheduler(app=app)     # what `celery -A config beat` runs, in memory
        sent_once = lambda: beat.tick() is not None and beat.schedule["tick"].total_run_count == 1  # noqa: E731
        wait_until(sent_once)         # tick until the entry is due and beat has published it once
        wait_until(lambda: "tick" in tasks.RAN)          # a worker ran it
        assert tasks.RAN.count("tick") == 1
    finally:
        app.conf.beat_schedule = {}


# --- docs/howto/celery-operations.md#celery-rate-limit -------------------------------------
def test_rate_limit_spaces_the_starts_on_one_worker(celery_worker):
    results = [tasks.call_partner_api.delay(n) for n in range(4)]
    assert [r.get(timeout=15) for r in results] == [0, 1, 2, 3]
    starts = sorted(tasks.TIMES[f"api-{n}"] for n in range(4))
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.1                          # "5/s": one start every 0.2 s...
    assert starts[-1] - starts[0] >= 0.5             # ...so 4 starts take at least 0.6 s


def test_rate_limited_tasks_hold_the_workers_prefetch_slots(celery_worker):
    # The worker keeps waiting rate-limited messages as reserved: with prefetch 4 (solo pool),
    # a quick task sent after them waits until earlier ones have run.
    waiting = [tasks.call_partner_api.delay(n) for n in range(8)]
    quick = tasks.record.delay("quick")
    assert quick.get(timeout=15) == "quick"
    assert len([r for r in tasks.RAN if r.startswith("api-")]) >= 4   # ran after at least 4 of them
    [r.get(timeout=15) for r in waiting]


# --- docs/howto/celery-operations.md#celery-monitoring -------------------------------------
def test_inspect_sees_the_worker_and_its_tasks(celery_worker):
    # --8<-- [start:inspect]
    inspect = app.control.inspect(timeout=2, limit=1)  # limit: stop at the first reply
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
