from django.urls import path

from . import views

urlpatterns = [
    path("users/<str:username>/", views.user_detail),
    path("users/<str:username>/rename/", views.rename),
    path("dashboard/", views.dashboard),
    path("blocking/", views.blocking_dashboard),
    path("threaded/", views.threaded_dashboard),
    path("rates/", views.exchange_rates),
    path("rates/shared/", views.exchange_rates_shared_client),
]
