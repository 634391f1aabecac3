"""Background tasks, executed by Celery workers (or inline in eager mode)."""
import logging
from datetime import timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .cache import invalidate_job_list
from .models import Application, Job

logger = logging.getLogger("jobboard.tasks")


# --8<-- [start:send-application-email]
@shared_task(
    bind=True,
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,       # back off: waits of up to 1 s, 2 s, 4 s, ... between tries
    retry_backoff_max=600,    # never more than 10 minutes
    retry_jitter=True,        # each wait is random in [0, backoff], so retries do not come in waves
    max_retries=5,
    acks_late=True,           # ack when the task ends, so a task lost with its worker is redelivered
)
def send_application_email(self, application_id: int) -> str:
    """Email the applicant that their application arrived.

    Pass the id, not the model instance: task arguments travel as JSON through
    the broker, and the worker must read fresh data from the database.
    """
    application = (
        Application.objects.select_related("job__company", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None:  # deleted meanwhile: nothing to do, do not retry
        return "skipped"
    send_mail(
        subject=f"Application received: {application.job.title}",
        message=(
            f"Hello {application.applicant.username},\n\n"
            f"{application.job.company.name} received your application for "
            f"{application.job.title}. We will email you when its status changes."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[application.applicant.email],
    )
    logger.info("application email sent id=%s try=%s", application_id, self.request.retries)
    return "sent"
# --8<-- [end:send-application-email]


# --8<-- [start:cleanup-task]
@shared_task
def cleanup_stale_applications(days: int = 30) -> int:
    """Reject applications that waited more than `days` on jobs that are closed.

    Scheduled nightly by Celery beat (config/celery.py). Idempotent: a second
    run finds nothing left to change, so a duplicate delivery does no harm.
    """
    cutoff = timezone.now() - timedelta(days=days)
    stale = Application.objects.filter(
        job__status=Job.Status.CLOSED,
        status__in=[Application.Status.SUBMITTED, Application.Status.REVIEWING],
        created_at__lt=cutoff,
    )
    count = stale.update(status=Application.Status.REJECTED)
    logger.info("rejected %s stale applications", count)
    return count


@shared_task
def close_expired_jobs() -> int:
    """Close open jobs whose expires_at has passed."""
    count = Job.objects.filter(status=Job.Status.OPEN, expires_at__lt=timezone.now()).update(
        status=Job.Status.CLOSED
    )
    if count:
        invalidate_job_list()  # update() sends no post_save signal
    return count
# --8<-- [end:cleanup-task]
