"""Each cookbook app with a urls.py is mounted at /<app>/, so a recipe's views need no edit here."""
from importlib.util import find_spec

from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path(f"{app.split('.')[-1]}/", include(f"{app}.urls"))
    for app in settings.COOKBOOK if find_spec(f"{app}.urls") is not None
]
