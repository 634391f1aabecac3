"""Results in Django's database with django-celery-results (a separate settings variant)."""
# --8<-- [start:django-db-results]
# After: pip install django-celery-results, "django_celery_results" in
# INSTALLED_APPS and python manage.py migrate
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True  # also store the task's name, arguments and worker
# --8<-- [end:django-db-results]
