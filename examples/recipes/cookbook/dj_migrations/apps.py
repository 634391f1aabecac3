from django.apps import AppConfig


class DjMigrationsConfig(AppConfig):
    """docs/howto/django-orm.md: a data migration (RunPython) and squashing migrations."""
    name = "cookbook.dj_migrations"
    label = "cookbook_dj_migrations"
