"""ASGI entry point (uvicorn/gunicorn with an ASGI worker). Async views gain concurrency only here."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_asgi_application()
