from django.apps import AppConfig


class DjUploadsConfig(AppConfig):
    """docs/howto/django.md: upload files and serve them back (MEDIA_ROOT, MEDIA_URL)."""
    name = "cookbook.dj_uploads"
    label = "cookbook_dj_uploads"
