from django.apps import AppConfig


class DjOrmConfig(AppConfig):
    """docs/howto/django-orm.md: queries, aggregation, F and Q, transactions."""
    name = "cookbook.dj_orm"
    label = "cookbook_dj_orm"
