from django.apps import AppConfig


class AsyncViewsConfig(AppConfig):
    """Async view recipes (docs/howto/async.md)."""
    name = "cookbook.async_views"
    label = "cookbook_async"
