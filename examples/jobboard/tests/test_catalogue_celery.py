"""Celery and RabbitMQ errors from docs/troubleshooting/celery-rabbitmq.md, triggered for real.

Embedded tier: apps without configuration, result states and serialization need no
broker. Services tier: a real worker on RabbitMQ logs what happens to bad messages, and
the broker itself refuses bad logins and vhosts.
"""
import os
import signal
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from celery import Celery
from kombu.exceptions import EncodeError, OperationalError

from catalogue import assert_reproduces, printed, require_closed

from .conftest import services_requested

PROJECT = Path(__file__).resolve().parent.parent
# Celery reads these environment variables when its settings name no broker or backend,
# and pytest-django sets the first: clear them to see a bare app's defaults.
NOT_A_DJANGO_PROJECT = ("DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND")


@pytest.fixture
def bare_environment(monkeypatch):
    for name in NOT_A_DJANGO_PROJECT[1:]:
        monkeypatch.delenv(name, raising=False)




class Worker:
    """A real `celery worker` subprocess whose log we can wait on (bounded)."""

    def __init__(self, args, cwd, env=None, drop=()):
        self.lines, self.changed, self.done = [], threading.Condition(), False
        environ = {key: value for key, value in os.environ.items() if key not in drop}
        self.process = subprocess.Popen([sys.executable, "-m", "celery", *args], cwd=cwd,
                                        env={**environ, **(env or {})}, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:  # the worker exited: stop waiting
            self.done = True
            self.changed.notify_all()

    @property
    def output(self) -> str:
        with self.changed:
            return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = 90) -> str:
        with self.changed:
            self.changed.wait_for(lambda: text in "".join(self.lines) or self.done,
                                  timeout=timeout)
        assert text in self.output, self.output
        return self.output

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=10)


def bare_worker_log(folder, until: str) -> str:
    """Start `celery -A proj worker` on the proj.py written in `folder` (no Django, no broker of
    ours), wait for `until` in its log, stop it, and return the log."""
    worker = Worker(["-A", "proj", "worker", "--pool=solo", "--without-gossip", "--without-mingle",
                     "--loglevel=INFO"], cwd=folder, env={"PYTHONPATH": str(folder)},
                    drop=NOT_A_DJANGO_PROJECT)
    try:
        return worker.wait_for(until)
    finally:
        worker.stop()


# --- embedded tier: no broker needed --------------------------------------------------


def test_default_broker_when_settings_are_not_read(tmp_path):
    # The settings say CELERY_BROKER_URL, but config_from_object() without namespace="CELERY"
    # looks for `broker_url`: Celery falls back to amqp://guest@localhost//.
    require_closed(5672)
    (tmp_path / "settings.py").write_text('CELERY_BROKER_URL = "amqp://jobboard:change-me@rabbitmq:5672/jobboard"\n')
    (tmp_path / "proj.py").write_text('from celery import Celery\n\napp = Celery("jobboard")\n'
                                      'app.config_from_object("settings")  # namespace="CELERY" missing\n')
    output = bare_worker_log(tmp_path, "Trying again")
    assert_reproduces(output, "celery/default-broker-transport")
    assert_reproduces(output, "celery/cannot-connect")


def test_publish_connection_refused(bare_environment):
    from config.celery import app

    require_closed(5672)
    broker = Celery("jobboard", broker="amqp://guest:guest@localhost:5672//", set_as_current=False)

    @broker.task(name="jobs.tasks.ping")
    def ping():
        return "pong"

    with pytest.raises(OperationalError) as excinfo:
        ping.apply_async(retry=False)
    assert app.conf.broker_url  # the project's own app is untouched
    assert_reproduces(printed(excinfo.value), "celery/kombu-connection-refused")


def test_unknown_task_id_is_pending(bare_environment):
    # Any id the backend has never stored is PENDING: a typo, another backend, or an expired result.
    app = Celery("jobboard", broker="memory://", backend="cache+memory://", set_as_current=False)
    state = app.AsyncResult(str(uuid.uuid4())).state
    assert_reproduces(repr(state), "celery/pending")


def test_state_without_result_backend(bare_environment):
    app = Celery("jobboard", broker="memory://", set_as_current=False)
    result = app.AsyncResult(str(uuid.uuid4()))
    with pytest.raises(AttributeError) as excinfo:
        result.state  # noqa: B018 - reading the property is what raises
    assert_reproduces(printed(excinfo.value), "celery/disabled-backend")
    with pytest.raises(NotImplementedError) as excinfo:
        result.get(timeout=1)
    assert_reproduces(printed(excinfo.value), "celery/no-result-backend")


def test_argument_not_json_serializable(bare_environment, db, job):
    # Pass ids, not model instances: the JSON serializer can't encode a Job.
    app = Celery("jobboard", broker="memory://", set_as_current=False)
    app.conf.task_serializer = "json"

    @app.task(name="jobs.tasks.notify")
    def notify(job):
        return None

    with pytest.raises(EncodeError) as excinfo:
        notify.delay(job)
    assert_reproduces(printed(excinfo.value), "celery/not-json-serializable")


# --- services tier: a real worker and a real RabbitMQ -----------------------------------


@pytest.fixture(scope="module")
def broker_url():
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("amqp://"):
        if services_requested():
            pytest.fail("services tier requested but CELERY_BROKER_URL does not point to RabbitMQ")
        pytest.skip("CELERY_BROKER_URL does not point to RabbitMQ; run bin/test-services")
    return url


@pytest.fixture(scope="module")
def worker(broker_url):
    """The Job Board's own worker (-A config) on a private queue, with the catalogue's tasks.

    Tests only send messages by name (send_task), which never runs eagerly."""
    queue = f"catalogue-{uuid.uuid4().hex[:8]}"
    process = Worker(["-A", "config", "worker", "--pool=prefork", "-c", "1", "-Q", queue,
                      "-n", f"{queue}@%h", "-I", "tests.catalogue_tasks", "--loglevel=INFO",
                      "--without-gossip", "--without-mingle", "--without-heartbeat"],
                     cwd=PROJECT, env={"CELERY_TASK_ALWAYS_EAGER": "false"})
    try:
        process.wait_for(" ready.")
        yield process, queue
    finally:
        process.stop()


def send(name: str, queue: str, *args):
    """Publish a task message by name, as Django does (eager mode is off for send_task)."""
    from config.celery import app

    app.conf.task_always_eager = False  # restored by the autouse fixture in conftest.py
    return app.send_task(name, args=args, queue=queue)


@pytest.mark.services
def test_unregistered_task(worker):
    process, queue = worker
    send("jobs.tasks.send_welcome_email", queue, 42)
    output = process.wait_for("KeyError")
    assert_reproduces(output, "celery/unregistered-task")


@pytest.mark.services
def test_soft_time_limit(worker):
    process, queue = worker
    result = send("tests.catalogue_tasks.slow_report", queue)
    output = process.wait_for(f"[{result.id}] raised unexpected")
    assert f"Soft time limit (1s) exceeded for tests.catalogue_tasks.slow_report[{result.id}]" in output
    assert_reproduces(output, "celery/soft-time-limit")


@pytest.mark.services
def test_hard_time_limit(worker):
    process, queue = worker
    result = send("tests.catalogue_tasks.stuck_import", queue)
    output = process.wait_for(f"Hard time limit (1s) exceeded for tests.catalogue_tasks.stuck_import[{result.id}]")
    assert_reproduces(output, "celery/hard-time-limit")


@pytest.mark.services
def test_worker_lost(worker):
    process, queue = worker
    send("tests.catalogue_tasks.out_of_memory", queue)
    output = process.wait_for("WorkerLostError")
    assert_reproduces(output, "celery/worker-lost")


def amqp_refusal(broker_url: str, password: str | None = None, vhost: str | None = None) -> str:
    """What kombu prints when RabbitMQ refuses the broker URL with one part changed."""
    from kombu import Connection
    from kombu.utils.url import parse_url

    parts = parse_url(broker_url)
    url = (f"amqp://{parts['userid']}:{password or parts['password']}@{parts['hostname']}:{parts['port']}/"
           f"{vhost or parts['virtual_host']}")
    with pytest.raises(Exception) as excinfo, Connection(url, connect_timeout=10) as conn:
        conn.ensure_connection(max_retries=1)
    return printed(excinfo.value)


@pytest.mark.services
def test_rabbitmq_access_refused(broker_url):
    assert_reproduces(amqp_refusal(broker_url, password="not-the-password"), "celery/access-refused")


@pytest.mark.services
def test_rabbitmq_vhost_not_found(broker_url):
    assert_reproduces(amqp_refusal(broker_url, vhost="job-board"), "celery/vhost-not-found")


def rabbitmqctl(*args):
    """rabbitmqctl on the node of bin/services, or skip (GitHub's service container has none)."""
    node = os.environ.get("NEXUS_RMQ_NODE")
    if not node:
        pytest.skip("needs the RabbitMQ node of bin/services (NEXUS_RMQ_NODE)")
    ctl = "rabbitmqctl" if os.geteuid() == 0 else "/usr/lib/rabbitmq/bin/rabbitmqctl"
    return subprocess.run([ctl, "-n", node, *args], check=True, capture_output=True, text=True, timeout=60)


@pytest.mark.services
def test_rabbitmq_vhost_access_refused(broker_url):
    # A user that exists but has no permissions on the app's vhost.
    from kombu import Connection
    from kombu.utils.url import parse_url

    parts = parse_url(broker_url)
    user = "jobboard_reports"
    rabbitmqctl("add_user", user, "change-me")
    try:
        url = f"amqp://{user}:change-me@{parts['hostname']}:{parts['port']}/{parts['virtual_host']}"
        with pytest.raises(Exception) as excinfo, Connection(url, connect_timeout=10) as conn:
            conn.ensure_connection(max_retries=1)
    finally:
        rabbitmqctl("delete_user", user)
    assert_reproduces(printed(excinfo.value), "celery/vhost-access-refused")


def amqp_connect(broker_url):
    """A py-amqp connection to the broker: the catalogue quotes amqp's own exceptions."""
    import amqp
    from kombu.utils.url import parse_url

    parts = parse_url(broker_url)
    conn = amqp.Connection(f"{parts['hostname']}:{parts['port']}", userid=parts["userid"],
                           password=parts["password"], virtual_host=parts["virtual_host"])
    conn.connect()
    return conn


@pytest.mark.services
def test_rabbitmq_inequivalent_arg(broker_url):
    # A queue declared again with another `durable` flag than the broker's copy has: RabbitMQ
    # closes the channel (406). The quoted line names bin/services' vhost.
    import amqp

    conn = amqp_connect(broker_url)
    if conn.virtual_host != "jobboard":
        conn.close()
        pytest.skip("the quoted message names the vhost of bin/services (jobboard)")
    try:
        conn.channel().queue_declare("reports", durable=False, auto_delete=False)
        with pytest.raises(amqp.exceptions.PreconditionFailed) as excinfo:
            conn.channel().queue_declare("reports", durable=True, auto_delete=False)
    finally:
        conn.channel().queue_delete("reports")
        conn.close()
    assert_reproduces(printed(excinfo.value), "celery/inequivalent-arg")


@pytest.mark.services
def test_delivery_acknowledgement_timeout(broker_url):
    # RabbitMQ 3.x-4.2 close the channel of a consumer that holds a message unacknowledged for
    # longer than consumer_timeout (30 min by default; 2 s here, set on the node of bin/services).
    # The node checks about once a minute, so this takes a minute.
    import amqp

    def consumer_timeout(value: str):
        rabbitmqctl("eval", f"application:set_env(rabbit, consumer_timeout, {value}).")

    queue = f"catalogue-ack-{uuid.uuid4().hex[:8]}"
    conn = amqp_connect(broker_url)
    try:
        consumer_timeout("2000")  # read when a channel opens
        try:
            channel = conn.channel()
        finally:
            consumer_timeout("1800000")  # the default again, before anything else opens a channel
        channel.queue_declare(queue, auto_delete=True)
        channel.basic_publish(amqp.Message("report"), routing_key=queue)
        channel.basic_consume(queue, callback=lambda message: None, no_ack=False)  # never acks
        with pytest.raises(amqp.exceptions.PreconditionFailed) as excinfo:
            for _ in range(150):  # at most 150 s
                try:
                    conn.drain_events(timeout=1)
                except socket.timeout:
                    pass
    finally:
        conn.collect()
    assert_reproduces(printed(excinfo.value), "celery/delivery-ack-timeout")


# --- embedded tier, added with the pickle, start-up and root entries -------------------


def test_pickle_content_disallowed():
    # A producer sent pickle; the worker accepts only JSON (Celery's default accept_content).
    from kombu.exceptions import ContentDisallowed
    from kombu.serialization import dumps, loads

    content_type, encoding, body = dumps({"job_id": 42}, serializer="pickle")
    with pytest.raises(ContentDisallowed) as excinfo:
        loads(body, content_type, encoding, accept=["json"])
    assert_reproduces(printed(excinfo.value), "celery/content-disallowed")


def test_connection_retry_deprecation_warning(tmp_path):
    # Celery 5.7 warns at start-up when broker_connection_retry=False decides the start-up
    # retries and broker_connection_retry_on_startup is unset (5.3-5.4 warned in every case).
    require_closed(59999)
    (tmp_path / "proj.py").write_text(
        'from celery import Celery\n\napp = Celery("jobboard", broker="amqp://guest:guest@127.0.0.1:59999//")\n'
        "app.conf.broker_connection_retry = False\n")
    assert_reproduces(bare_worker_log(tmp_path, "Shutting down"), "celery/connection-retry-warning")


@pytest.fixture
def as_root(monkeypatch):
    """The worker's privilege check sees uid 0, as in a container without a USER line."""
    for name in ("getuid", "geteuid", "getgid", "getegid"):
        monkeypatch.setattr(os, name, lambda: 0)
    monkeypatch.delenv("C_FORCE_ROOT", raising=False)


def test_worker_as_root_warns(as_root):
    from celery.exceptions import SecurityWarning
    from celery.platforms import check_privileges

    with pytest.warns(SecurityWarning) as warned:
        check_privileges({"json"})  # what `celery worker` runs at start-up, with accept_content
    assert_reproduces(str(warned[0].message), "celery/superuser-warning")


def test_worker_as_root_refuses_pickle(as_root):
    from celery.exceptions import SecurityError
    from celery.platforms import check_privileges

    with pytest.raises(SecurityError) as excinfo:
        check_privileges({"json", "pickle"})
    assert_reproduces(str(excinfo.value), "celery/superuser-pickle")


@pytest.mark.services
def test_worker_refuses_pickle_message(worker):
    # The Job Board's worker accepts JSON only; a producer configured for pickle sends this.
    from config.celery import app

    process, queue = worker
    app.conf.task_always_eager = False
    app.send_task("jobs.tasks.send_application_email", args=(42,), queue=queue, serializer="pickle")
    output = process.wait_for("The message has been ignored and discarded.")
    output = process.wait_for("ContentDisallowed")
    assert "Received invalid task message: Refusing to deserialize untrusted content of type pickle" in output
    assert_reproduces(output, "celery/content-disallowed")


def test_worker_as_unprivileged_user_is_quiet(monkeypatch):
    # What `USER app` in the Dockerfile gives the worker: no warning at all.
    import warnings

    from celery.platforms import check_privileges

    for name in ("getuid", "geteuid"):
        monkeypatch.setattr(os, name, lambda: 65534)
    for name in ("getgid", "getegid"):
        monkeypatch.setattr(os, name, lambda: 65534)  # nogroup: a group that exists
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_privileges({"json"})


def test_worker_with_unknown_group_is_treated_as_root(monkeypatch):
    # A random uid/gid with no /etc/group entry (OpenShift, `docker run --user 1000640000`).
    from celery.exceptions import SecurityWarning
    from celery.platforms import check_privileges

    for name in ("getuid", "geteuid", "getgid", "getegid"):
        monkeypatch.setattr(os, name, lambda: 1000640000)
    with pytest.warns(SecurityWarning) as warned:
        check_privileges({"json"})
    assert "An entry for the specified gid or egid was not found." in str(warned[0].message)
    assert "uid=1000640000" in str(warned[-1].message)
