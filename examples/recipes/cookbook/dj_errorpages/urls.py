from django.urls import path

from . import views

urlpatterns = [
    path("users/<int:pk>/", views.profile, name="dj-errorpages-profile"),
    path("boom/", views.boom, name="dj-errorpages-boom"),
]
