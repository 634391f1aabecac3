"""Services tier: real PostgreSQL, Redis, RabbitMQ and a real Celery worker.

bin/test-services sets the URLs (and NEXUS_SERVICES=1). In the embedded tier
these tests are skipped; in CI with the services tier requested, a missing or
unreachable service is a failure, never a silent skip.
"""
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from config.celery import app as celery_app
from jobs.cache import cache_stats, get_job_list, job_list_key
from jobs.models import Application, Company, Job

from .conftest import make_user, services_requested

pytestmark = pytest.mark.services
PROJECT = Path(__file__).resolve().parent.parent


def unavailable(reason: str):
    if services_requested():
        pytest.fail(f"services tier requested but {reason}")
    pytest.skip(f"{reason}; run bin/test-services for this tier")


@pytest.fixture
def postgres(db):
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        unavailable("DATABASE_URL does not point to PostgreSQL")
    assert connection.vendor == "postgresql"


@pytest.fixture
def redis_cache():
    if not os.environ.get("REDIS_URL"):
        unavailable("REDIS_URL is not set")
    from django_redis import get_redis_connection

    try:
        get_redis_connection("default").ping()
    except Exception as exc:  # noqa: BLE001
        unavailable(f"Redis is unreachable ({exc})")
    return get_redis_connection("default")


@pytest.fixture
def rabbitmq():
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("amqp://"):
        unavailable("CELERY_BROKER_URL does not point to RabbitMQ")
    from kombu import Connection

    try:
        with Connection(broker, connect_timeout=5) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001
        unavailable(f"RabbitMQ is unreachable ({exc})")
    if not os.environ.get("CELERY_RESULT_BACKEND"):
        unavailable("CELERY_RESULT_BACKEND is not set")
    return broker


def test_suite_runs_on_postgresql(postgres):
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 15


def test_explain_shows_status_created_index(postgres):
    owner = make_user("explain", "recruiter")
    company = Company.objects.create(name="Explain Co", owner=owner)
    statuses = ["open", "closed", "draft", "closed"]
    Job.objects.bulk_create(
        Job(company=company, title=f"Job {n}", description="d", status=statuses[n % 4])
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE jobs_job")
    plan = Job.objects.filter(status="open").order_by("-created_at")[:20].explain()
    assert "job_status_created_idx" in plan, plan
    assert "Index" in plan, plan


def test_database_check_constraint_on_postgresql(postgres):
    from django.db import IntegrityError, transaction

    company = Company.objects.create(name="Checks", owner=make_user("chk", "recruiter"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(company=company, title="x", description="d", salary_min=2, salary_max=1)


def test_broker_connection_uses_the_apps_own_vhost(rabbitmq):
    from kombu import Connection

    with Connection(rabbitmq, connect_timeout=5) as conn:
        conn.connect()
        assert conn.virtual_host == "jobboard"  # not the shared default `/`
        assert conn.connected


def test_redis_cache_hit_counter_increments(redis_cache, settings):
    assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
    settings.JOB_LIST_CACHE_TTL = 30
    get_job_list("/api/jobs/?redis", lambda: {"results": []})
    get_job_list("/api/jobs/?redis", lambda: {"results": ["never built"]})
    get_job_list("/api/jobs/?redis", lambda: {"results": ["never built"]})
    assert cache_stats() == {"hits": 2, "misses": 1}
    # The counter is a real Redis integer, incremented atomically with INCR.
    raw_key = cache.make_key("jobs:list:hits")
    assert int(redis_cache.get(raw_key)) == 2
    assert 0 < cache.ttl(job_list_key("/api/jobs/?redis")) <= 30


def test_ratelimit_counts_in_redis(redis_cache, settings, db):
    from .conftest import auth_client

    settings.RATELIMIT_LOGIN = "2/h"
    client = auth_client()
    codes = [client.post("/api/auth/token/", {"username": "x", "password": "y"}, format="json").status_code
             for _ in range(3)]
    assert codes == [401, 401, 429]


@pytest.mark.django_db(transaction=True)  # the worker must see committed rows
def test_real_celery_worker_consumes_email_task(rabbitmq, redis_cache, tmp_path):
    applicant = make_user("worker-test", "applicant")
    company = Company.objects.create(name="Worker Co", owner=make_user("wowner", "recruiter"))
    job = Job.objects.create(company=company, title="Queue Engineer", description="d")
    application = Application.objects.create(job=job, applicant=applicant)

    # Point the worker at the test database and a file-based mailbox.
    db_url = urlparse(os.environ["DATABASE_URL"]) if os.environ.get("DATABASE_URL") else None
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false",
           "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
           "EMAIL_FILE_PATH": str(tmp_path)}
    if db_url is not None:
        env["DATABASE_URL"] = urlunparse(db_url._replace(path="/" + connection.settings_dict["NAME"]))
    queue = f"test-{uuid.uuid4().hex[:8]}"
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-c", "1",
         "-Q", queue, "-n", f"{queue}@%h", "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    celery_app.conf.task_always_eager = False  # restored by the autouse fixture
    try:
        from jobs.tasks import send_application_email

        result = send_application_email.apply_async(args=[application.pk], queue=queue)
        assert result.get(timeout=90) == "sent"  # the result came back through Redis
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    messages = list(tmp_path.glob("*.log"))
    assert messages, output
    assert "Subject: Application received: Queue Engineer" in messages[0].read_text()
    assert f"Task jobs.tasks.send_application_email[{result.id}] succeeded" in output
