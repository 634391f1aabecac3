"""Celery tasks in eager mode: no broker, no worker, same code path."""
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from celery.exceptions import Retry
from celery.schedules import crontab
from django.core import mail
from django.db import transaction
from django.utils import timezone

from config.celery import app as celery_app
from jobs.models import Application, Job
from jobs.tasks import cleanup_stale_applications, close_expired_jobs, send_application_email

pytestmark = pytest.mark.django_db


# --8<-- [start:test-email-task]
def test_applying_sends_email_after_commit(applicant_client, job, django_capture_on_commit_callbacks):
    # The signal uses transaction.on_commit(); run those callbacks, as a real
    # commit would. CELERY_TASK_ALWAYS_EAGER runs the task inline.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = applicant_client.post(f"/api/jobs/{job.pk}/apply/", {}, format="json")

    assert response.status_code == 201
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["abel@example.com"]
    assert message.subject == "Application received: Junior Django Developer"


def test_no_email_when_the_transaction_rolls_back(applicant, job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            Application.objects.create(job=job, applicant=applicant)
            raise RuntimeError("something failed later in the same transaction")
    # The rollback discarded the on_commit hook: no task was queued, no email was sent.
    assert callbacks == []
    assert mail.outbox == []
    assert not Application.objects.exists()
# --8<-- [end:test-email-task]


def test_email_task_retry_options():
    task = send_application_email
    assert SMTPException in task.autoretry_for
    assert ConnectionError in task.autoretry_for
    assert task.max_retries == 5
    assert task.retry_backoff is True
    assert task.retry_jitter is True
    assert task.acks_late is True


def test_email_task_retries_on_smtp_error(applicant, job):
    application = Application.objects.create(job=job, applicant=applicant)
    with mock.patch("jobs.tasks.send_mail", side_effect=SMTPException("down")) as fake:
        # Eager mode with CELERY_TASK_EAGER_PROPAGATES surfaces the scheduled
        # retry as a Retry exception instead of sleeping through the backoff.
        with pytest.raises(Retry) as excinfo:
            send_application_email.delay(application.pk)
    assert isinstance(excinfo.value.exc, SMTPException)
    assert excinfo.value.when is not None  # a backoff delay was computed
    assert fake.call_count == 1


def test_email_task_skips_missing_application():
    assert send_application_email.delay(424242).get() == "skipped"
    assert mail.outbox == []


def test_beat_schedule_present():
    schedule = celery_app.conf.beat_schedule
    entry = schedule["cleanup-stale-applications-nightly"]
    assert entry["task"] == "jobs.tasks.cleanup_stale_applications"
    assert entry["schedule"] == crontab(hour=3, minute=0)
    assert schedule["close-expired-jobs-hourly"]["task"] == "jobs.tasks.close_expired_jobs"
    registered = set(celery_app.tasks)
    assert {e["task"] for e in schedule.values()} <= registered


def test_cleanup_rejects_only_stale_applications_on_closed_jobs(applicant, other_applicant, job, company):
    closed = Job.objects.create(company=company, title="Old", description="d", status="closed")
    old = Application.objects.create(job=closed, applicant=applicant)
    fresh = Application.objects.create(job=closed, applicant=other_applicant)
    open_job_app = Application.objects.create(job=job, applicant=applicant)
    Application.objects.filter(pk__in=[old.pk, open_job_app.pk]).update(
        created_at=timezone.now() - timedelta(days=45)
    )
    assert cleanup_stale_applications.delay(days=30).get() == 1
    assert cleanup_stale_applications.delay(days=30).get() == 0  # idempotent
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {old.pk: "rejected", fresh.pk: "submitted", open_job_app.pk: "submitted"}


def test_close_expired_jobs_invalidates_cache(anon, job):
    anon.get("/api/jobs/")
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    assert close_expired_jobs.delay().get() == 1
    assert anon.get("/api/jobs/").json()["results"][0]["status"] == "closed"
