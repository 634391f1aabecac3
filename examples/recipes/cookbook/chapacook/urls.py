"""Mounted at /chapacook/ by the recipes' test project."""
from django.urls import path

from . import views

urlpatterns = [
    path("callback/", views.chapa_callback),
    path("webhook/", views.chapa_webhook),
]
