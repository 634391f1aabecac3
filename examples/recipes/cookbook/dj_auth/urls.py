from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

# --8<-- [start:urls]
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="dj_auth/login.html"),
         name="dj-auth-login"),
    # Since Django 5.0, LogoutView accepts only POST: a plain link (GET) answers 405.
    path("logout/", auth_views.LogoutView.as_view(next_page="dj-auth-login"),
         name="dj-auth-logout"),
    path("", views.home, name="dj-auth-home"),
]
# --8<-- [end:urls]

# A view with a bare @login_required, for the "/accounts/login/ is a 404" entry.
urlpatterns += [path("dashboard/", views.dashboard, name="dj-auth-dashboard")]
