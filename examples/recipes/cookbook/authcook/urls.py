"""Mounted at /authcook/ by the recipes' test project."""
from django.urls import path
from rest_framework_simplejwt.views import TokenBlacklistView, TokenObtainPairView, TokenRefreshView

from . import views

# --8<-- [start:auth-urls]
urlpatterns = [
    path("token/", TokenObtainPairView.as_view()),
    path("token/refresh/", TokenRefreshView.as_view()),
    path("token/blacklist/", TokenBlacklistView.as_view()),  # simplejwt's own logout endpoint
    path("logout/", views.LogoutView.as_view()),
    path("email-token/", views.EmailLoginView.as_view()),
    path("claims-token/", views.ClaimsLoginView.as_view()),
    path("me/", views.MeView.as_view()),
    path("password-reset/", views.PasswordResetRequestView.as_view()),
    path("password-reset/confirm/", views.PasswordResetConfirmView.as_view()),
]
# --8<-- [end:auth-urls]

# Recipes added later; the page shows them with their own recipe.
from .api_keys import ServiceReportView  # noqa: E402

urlpatterns += [path("service-report/", ServiceReportView.as_view())]
