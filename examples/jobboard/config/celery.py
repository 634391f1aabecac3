"""Celery application for the Job Board.

Celery is a task queue; RabbitMQ (or Redis) is only the message broker that
carries task messages from Django to the worker processes.
"""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# --8<-- [start:celery-app]
app = Celery("jobboard")

# Read every setting that starts with CELERY_ from Django's settings,
# e.g. CELERY_BROKER_URL -> broker_url, CELERY_TASK_ALWAYS_EAGER -> task_always_eager.
app.config_from_object("django.conf:settings", namespace="CELERY")

# Find tasks.py in every installed app (jobs/tasks.py here).
app.autodiscover_tasks()
# --8<-- [end:celery-app]

# --8<-- [start:beat-schedule]
# Periodic tasks, run by a separate `celery -A config beat` process.
# Beat only *sends* the message on schedule; a worker executes the task.
app.conf.beat_schedule = {
    "cleanup-stale-applications-nightly": {
        "task": "jobs.tasks.cleanup_stale_applications",
        "schedule": crontab(hour=3, minute=0),  # every day at 03:00 (CELERY_TIMEZONE)
        "kwargs": {"days": 30},
    },
    "close-expired-jobs-hourly": {
        "task": "jobs.tasks.close_expired_jobs",
        "schedule": crontab(minute=15),  # at minute 15 of every hour
    },
}
# --8<-- [end:beat-schedule]
