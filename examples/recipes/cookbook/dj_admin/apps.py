from django.apps import AppConfig


class DjAdminConfig(AppConfig):
    """docs/howto/django.md: customize the admin list, and a custom admin action."""
    name = "cookbook.dj_admin"
    label = "cookbook_dj_admin"
