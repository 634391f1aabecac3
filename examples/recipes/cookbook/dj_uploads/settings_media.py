"""The settings the media recipe adds to settings.py (docs/howto/django.md)."""
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# --8<-- [start:settings]
MEDIA_URL = "/media/"              # the URL prefix of uploaded files; ends with a slash
MEDIA_ROOT = BASE_DIR / "media"    # the folder they are saved in (not in Git)
# --8<-- [end:settings]
