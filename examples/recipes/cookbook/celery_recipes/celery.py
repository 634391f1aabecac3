"""The Celery app of the recipes, laid out as `config/celery.py` in a Django project."""
# --8<-- [start:celery-app]
import os

from celery import Celery

# The worker process needs to know the settings module, like manage.py does.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")

# Read every setting named CELERY_* from Django's settings:
# CELERY_BROKER_URL becomes broker_url, CELERY_TASK_ACKS_LATE task_acks_late.
app.config_from_object("django.conf:settings", namespace="CELERY")

# Import tasks.py from every app in INSTALLED_APPS.
app.autodiscover_tasks()
# --8<-- [end:celery-app]
