"""WSGI entry point of the recipes' test project, for the gunicorn recipes (docs/howto/deployment.md)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipes_site.settings")
application = get_wsgi_application()
