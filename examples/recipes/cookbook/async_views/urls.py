from django.urls import path

from . import views

urlpatterns = [
    path("users/<str:username>/", views.user_detail),
    path("users/<str:username>/rename/", views.rename),
    path("dashboard/", views.dashboard),
    path("blocking/", views.blocking_dashboard),
    path("threaded/", views.threaded_dashboard),
]
