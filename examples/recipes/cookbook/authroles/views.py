"""Views of the groups, permissions and password recipes (docs/howto/auth.md)."""
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import (login_not_required, login_required, permission_required,
                                            user_passes_test)
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.decorators.http import require_POST
from rest_framework import generics, permissions

from .models import Report
from .serializers import RegisterSerializer


# --8<-- [start:group-required]
def group_required(*group_names):
    """Let in members of any of these groups. Anonymous visitors go to the login page;
    a logged-in user in the wrong group gets 403, not a login page they can't get past."""
    def check(user):
        if user.is_authenticated and user.groups.filter(name__in=group_names).exists():
            return True
        if user.is_authenticated:
            raise PermissionDenied
        return False
    return user_passes_test(check)


@group_required("editors")
def editor_dashboard(request):
    return HttpResponse("Editors only")


class EditorDashboardView(LoginRequiredMixin, UserPassesTestMixin, View):
    """The class-based version: the mixin answers 403 to a logged-in user who fails test_func."""
    def test_func(self):
        return self.request.user.groups.filter(name="editors").exists()

    def get(self, request):
        return HttpResponse("Editors only")


class IsEditor(permissions.BasePermission):
    """The DRF version: 401/403 instead of a redirect."""
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.groups.filter(name="editors").exists()
# --8<-- [end:group-required]


# --8<-- [start:permission-required]
@require_POST
@permission_required("authroles.publish_report", raise_exception=True)  # 403, not a login redirect
def publish_report(request, pk):
    report = get_object_or_404(Report, pk=pk)
    report.published = True
    report.save(update_fields=["published"])
    return JsonResponse({"id": report.pk, "published": True})
# --8<-- [end:permission-required]


# --8<-- [start:change-password]
@require_POST
@login_required
def change_password(request):
    form = PasswordChangeForm(request.user, request.POST)   # checks old_password, runs the validators
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    user = form.save()                       # set_password() + save(): the session hash changes
    update_session_auth_hash(request, user)  # keep THIS session logged in; other devices are logged out
    return JsonResponse({"detail": "Password changed."})
# --8<-- [end:change-password]


# --8<-- [start:my-reports]
def my_reports_broken(request):
    # Anonymous visitor: request.user is an AnonymousUser, whose id is None -> TypeError
    titles = Report.objects.filter(author=request.user).values_list("title", flat=True)
    return JsonResponse({"reports": list(titles)})


@login_required   # anonymous visitors are sent to LOGIN_URL before the query runs
def my_reports(request):
    titles = Report.objects.filter(author=request.user).values_list("title", flat=True)
    return JsonResponse({"reports": list(titles)})
# --8<-- [end:my-reports]


def create_report_broken(request):
    Report.objects.create(title=request.POST.get("title", "Untitled"), author=request.user)
    return JsonResponse({"created": True}, status=201)


# --8<-- [start:public-view]
@login_not_required   # stays public when LoginRequiredMiddleware is on
def landing(request):
    return HttpResponse("Welcome: anyone may read this page")
# --8<-- [end:public-view]


def members_home(request):
    return HttpResponse("Members only")


class RegisterView(generics.CreateAPIView):
    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
