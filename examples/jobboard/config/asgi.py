"""ASGI entry point (uvicorn/gunicorn with an ASGI worker). Async views gain concurrency only here."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()

from config.safety import refuse_unsafe_settings  # noqa: E402  (needs the settings loaded above)

refuse_unsafe_settings()  # with DEBUG off, never serve with a committed or placeholder key
