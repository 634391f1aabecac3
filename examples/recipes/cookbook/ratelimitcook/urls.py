"""Mounted at /ratelimitcook/ by the recipes' test project."""
from django.http import HttpResponse
from django.urls import path

from . import middleware, views


def boom(request):
    raise ValueError("boom")


def who(request):
    user = middleware.current_user.get()
    return HttpResponse(getattr(user, "username", "") or "anonymous")


def audited(request):
    return HttpResponse("yes" if getattr(request, "audited", False) else "no")


@middleware.skip_audit
def not_audited(request):
    return audited(request)


def echo_post(request):
    return HttpResponse(request.POST.get("username", "") or request.body)


urlpatterns = [
    path("ten-minutes/", views.TenMinuteView.as_view()),
    path("staff-exempt/", views.StaffExemptView.as_view()),
    path("plan/", views.PlanView.as_view()),
    path("headers/", views.HeaderView.as_view()),
    path("exports/", views.ExportView.as_view()),
    path("wrong-login/", views.WrongLoginView.as_view()),
    path("wrong-ip/", views.WrongIpView.as_view()),
    path("wrong-method/", views.WrongMethodView.as_view()),
    path("login/", views.LoginView.as_view()),
    path("plain/", views.plain),
    path("boom/", boom),
    path("who/", who),
    path("audited/", audited),
    path("not-audited/", not_audited),
    path("echo/", echo_post),
]
