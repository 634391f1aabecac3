from django.apps import AppConfig


class DjAuthConfig(AppConfig):
    """docs/howto/django.md: log in and out with Django's views; log in with an email address."""
    name = "cookbook.dj_auth"
    label = "cookbook_dj_auth"
