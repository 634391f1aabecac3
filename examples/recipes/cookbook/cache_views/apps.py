from django.apps import AppConfig


class CacheViewsConfig(AppConfig):
    """Caching recipes (docs/howto/caching.md): per-view, fragment, low-level, invalidation."""
    name = "cookbook.cache_views"
    label = "cookbook_cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401  (connects the invalidation receivers)
