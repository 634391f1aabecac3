"""The recipes' test project itself: a cookbook folder with an apps.py is installed and mounted."""
from django.conf import settings


def test_every_cookbook_app_is_installed():
    from pathlib import Path
    folders = {p.parent.name for p in (Path(settings.BASE_DIR) / "cookbook").glob("*/apps.py")}
    assert {app.split(".")[-1] for app in settings.COOKBOOK} == folders
    assert all(app in settings.INSTALLED_APPS for app in settings.COOKBOOK)
