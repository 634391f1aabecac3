"""Django's own password-reset views, mounted at /mailcook/ for docs/howto/email.md#email-password-reset."""
from django.urls import include, path

urlpatterns = [
    # --8<-- [start:auth-urls]
    path("accounts/", include("django.contrib.auth.urls")),   # password_reset, password_reset_confirm, ...
    # --8<-- [end:auth-urls]
]
