"""Views for the throttling and django-ratelimit examples."""
from django.http import HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django_ratelimit.decorators import ratelimit
from rest_framework import permissions
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from . import throttles


class TenMinuteView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [throttles.FiveEveryTenMinutes]

    def get(self, request):
        return Response({"ok": True})


class StaffExemptView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [throttles.StaffExemptUserThrottle]

    def get(self, request):
        return Response({"ok": True})


class PlanView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [throttles.PlanRateThrottle]

    def get(self, request):
        return Response({"ok": True})


class HeaderView(throttles.RateLimitHeadersMixin, APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [throttles.HeaderUserRateThrottle]

    def get(self, request):
        return Response({"ok": True})


# --8<-- [start:throttled-message]
class ExportView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "exports"

    def throttled(self, request, wait):
        # DRF calls this when a throttle refuses the request; wait becomes Retry-After.
        raise Throttled(wait, detail=f"Too many exports ({self.throttle_scope}).")

    def get(self, request):
        return Response({"ok": True})
# --8<-- [end:throttled-message]


# --8<-- [start:ratelimit-cbv-wrong]
class WrongLoginView(View):
    @ratelimit(key="post:username", rate="5/m")  # wrong: no method_decorator
    def post(self, request):
        return HttpResponse("checked")
# --8<-- [end:ratelimit-cbv-wrong]


class WrongIpView(View):
    @ratelimit(key="ip", rate="5/m")
    def get(self, request):
        return HttpResponse("ok")


class WrongMethodView(View):
    @ratelimit(key="ip", rate="5/m", method="POST")
    def post(self, request):
        return HttpResponse("ok")


# --8<-- [start:ratelimit-cbv-right]
class LoginView(View):
    @method_decorator(ratelimit(key="post:username", rate="5/m", method="POST"))
    def post(self, request):
        return HttpResponse("checked")
# --8<-- [end:ratelimit-cbv-right]


def plain(request):
    return HttpResponse("ok")
