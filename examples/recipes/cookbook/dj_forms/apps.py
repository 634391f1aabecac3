from django.apps import AppConfig


class DjFormsConfig(AppConfig):
    """docs/howto/django.md: validate and save a ModelForm."""
    name = "cookbook.dj_forms"
    label = "cookbook_dj_forms"
