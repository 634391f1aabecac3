from django.apps import AppConfig


class DjScaleConfig(AppConfig):
    """docs/howto/django-orm.md (keyset pages, upserts, latest per group) and
    docs/concepts/system-design.md (short codes): queries for big tables."""
    name = "cookbook.dj_scale"
    label = "cookbook_dj_scale"
