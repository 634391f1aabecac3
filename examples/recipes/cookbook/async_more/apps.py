from django.apps import AppConfig


class AsyncMoreConfig(AppConfig):
    """More async recipes and errors (docs/howto/async.md, docs/troubleshooting/async.md)."""
    name = "cookbook.async_more"
    label = "cookbook_async_more"
