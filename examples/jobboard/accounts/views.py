from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework_simplejwt.views import TokenObtainPairView

from django.conf import settings

from .serializers import RegisterSerializer, UserSerializer


class RegisterView(generics.CreateAPIView):
    """Create an account with the recruiter or applicant role."""

    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


class MeView(generics.RetrieveAPIView):
    """Return the authenticated user."""

    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return self.request.user


@method_decorator(
    ratelimit(key="ip", rate=lambda group, request: settings.RATELIMIT_LOGIN, method="POST"),
    name="post",
)
class RateLimitedTokenObtainPairView(TokenObtainPairView):
    """simplejwt's login view with a per-IP limit against password guessing."""

    @extend_schema(summary="Obtain an access/refresh JWT pair")
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
