from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit
from drf_spectacular.utils import extend_schema_view
from rest_framework import generics, permissions
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from django.conf import settings

from core.schema import AccessTokenSerializer, TokenPairSerializer, operation

from .serializers import LoginSerializer, RefreshSerializer, RegisterSerializer, UserSerializer


@extend_schema_view(post=operation(
    "Sign up", "Create an account with the `recruiter` or `applicant` role. Public. Then get a token "
    "from `/api/auth/token/`.", {201: RegisterSerializer}, raises={409: ["conflict"]}))
class RegisterView(generics.CreateAPIView):
    """Create an account with the recruiter or applicant role."""

    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []


@extend_schema_view(get=operation(
    "Who am I", "The signed-in user, with their role. Needs a JWT.", {200: UserSerializer}))
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

    serializer_class = LoginSerializer

    @operation("Log in (get a JWT pair)", "Send username and password; get an `access` token "
               "(15 minutes) and a `refresh` token (1 day). Send the access token as "
               "`Authorization: Bearer <access>`. Limited per IP against password guessing.",
               {200: TokenPairSerializer},
               raises={401: ["no_active_account"], 429: ["rate_limited"]}, auth=[{}])
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)


@extend_schema_view(post=operation(
    "Refresh the access token", "Send the `refresh` token; get a new `access` token. Public: the "
    "refresh token is the credential.", {200: AccessTokenSerializer}, raises={401: ["token_not_valid"]},
    auth=[{}]))
class RefreshView(TokenRefreshView):
    """simplejwt's refresh view, documented."""

    serializer_class = RefreshSerializer
