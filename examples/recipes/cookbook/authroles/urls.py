"""Mounted at /authroles/ by the recipes' test project."""
from django.contrib.auth.views import LoginView
from django.urls import path

from . import views

urlpatterns = [
    path("login/", LoginView.as_view(template_name="authroles/login.html")),
    path("editors/", views.editor_dashboard),
    path("editors-cbv/", views.EditorDashboardView.as_view()),
    path("reports/<int:pk>/publish/", views.publish_report),
    path("password/", views.change_password),
    path("my-reports-broken/", views.my_reports_broken),
    path("my-reports/", views.my_reports),
    path("create-report-broken/", views.create_report_broken),
    path("landing/", views.landing),
    path("members/", views.members_home),
    path("register/", views.RegisterView.as_view()),
]
