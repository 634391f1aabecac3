"""Signal receivers: synchronous, in-process "event listeners" for model changes."""
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import invalidate_job_list
from .models import Application, Company, Job


# --8<-- [start:cache-invalidation]
@receiver(post_save, sender=Job, dispatch_uid="jobs-cache-job-saved")
@receiver(post_delete, sender=Job, dispatch_uid="jobs-cache-job-deleted")
@receiver(post_save, sender=Company, dispatch_uid="jobs-cache-company-saved")
@receiver(post_delete, sender=Company, dispatch_uid="jobs-cache-company-deleted")
def invalidate_jobs_cache(sender, **kwargs) -> None:
    """Any change to a job or a company (its name is in the list) drops the cached list.

    Signals do not fire for QuerySet.update() or bulk_create(): code that uses
    those must call invalidate_job_list() itself (see jobs/tasks.py).
    """
    invalidate_job_list()
# --8<-- [end:cache-invalidation]


# --8<-- [start:application-created]
@receiver(post_save, sender=Application, dispatch_uid="jobs-application-email")
def queue_application_email(sender, instance: Application, created: bool, **kwargs) -> None:
    """Send the confirmation email in the background once the row is committed.

    on_commit() waits for the surrounding transaction: the worker never looks
    for an application that a rollback removed, or that is not visible yet.
    """
    if not created:
        return
    from .tasks import send_application_email  # avoid an import cycle at start-up

    transaction.on_commit(lambda: send_application_email.delay(instance.pk))
# --8<-- [end:application-created]
