"""Celery settings as they go into settings.py (the tests apply them with pytest-django's `settings`)."""
import os

# --8<-- [start:settings]
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@localhost:5672//")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1")
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"          # beat's schedules; Django's TIME_ZONE is the default
CELERY_TASK_TRACK_STARTED = True  # record STARTED, not only PENDING and SUCCESS
# --8<-- [end:settings]

# --8<-- [start:routes]
CELERY_TASK_ROUTES = {
    "cookbook.celery_recipes.tasks.build_report": {"queue": "reports"},
    "cookbook.celery_recipes.tasks.send_welcome_email": {"queue": "emails"},
}
# Everything else goes to the default queue, named "celery".
# --8<-- [end:routes]

# --8<-- [start:long-tasks]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # reserve 1 message per process (default 4)
CELERY_TASK_ACKS_LATE = True           # ack after the task returns, not before
# --8<-- [end:long-tasks]

# --8<-- [start:beat]
from datetime import timedelta  # noqa: E402  (at the top of settings.py)

from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "nightly-report": {
        "task": "cookbook.celery_recipes.tasks.build_report",
        "schedule": crontab(hour=3, minute=0),        # 03:00 every day, CELERY_TIMEZONE
        "args": ("nightly",),
    },
    "weekday-mornings": {
        "task": "cookbook.celery_recipes.tasks.record",
        "schedule": crontab(minute=30, hour=7, day_of_week="mon-fri"),
        "args": ("standup reminder",),
    },
    "every-5-minutes": {
        "task": "cookbook.celery_recipes.tasks.record",
        "schedule": timedelta(minutes=5),
        "args": ("heartbeat",),
    },
}
# --8<-- [end:beat]

# --8<-- [start:result-lifetime]
CELERY_RESULT_EXPIRES = 3600  # keep each task's result for an hour (default: one day)
# Store no result at all, for every task: CELERY_TASK_IGNORE_RESULT = True
# or for one task: @shared_task(ignore_result=True)
# --8<-- [end:result-lifetime]

# --8<-- [start:memory]
# Replace each pool process after 200 tasks, or after the task that takes it past
# 300 MB of resident memory (prefork pool only; the value is in KiB).
CELERY_WORKER_MAX_TASKS_PER_CHILD = 200
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 300_000
# --8<-- [end:memory]
