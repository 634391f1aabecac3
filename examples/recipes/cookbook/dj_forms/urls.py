from django.urls import path

from . import views

urlpatterns = [
    path("", views.subscribe, name="dj-forms-subscribe"),
    path("thanks/", views.thanks, name="dj-forms-thanks"),
]
