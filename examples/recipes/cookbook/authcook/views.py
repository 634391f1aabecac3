"""Views for the auth recipes (docs/howto/auth.md)."""
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from rest_framework import permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView

from .serializers import (ClaimsTokenObtainPairSerializer, EmailTokenObtainPairSerializer,
                          PasswordResetConfirmSerializer, PasswordResetRequestSerializer, UserSerializer)


# --8<-- [start:email-login-view]
class EmailLoginView(TokenObtainPairView):
    serializer_class = EmailTokenObtainPairSerializer
# --8<-- [end:email-login-view]


class ClaimsLoginView(TokenObtainPairView):
    serializer_class = ClaimsTokenObtainPairSerializer


# --8<-- [start:me-view]
class MeView(APIView):
    authentication_classes = [JWTAuthentication]  # or in REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response(UserSerializer(request.user).data)  # request.user: the token's user
# --8<-- [end:me-view]


# --8<-- [start:logout-view]
class LogoutView(APIView):
    """POST {"refresh": "<the refresh token>"} with the access token in Authorization."""
    authentication_classes = [JWTAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    def post(self, request):
        try:
            refresh = RefreshToken(request.data.get("refresh", ""))
        except TokenError as exc:  # malformed, expired or already blacklisted
            raise ValidationError({"refresh": [str(exc)]}) from None
        if str(refresh.get("user_id")) != str(request.user.pk):
            raise ValidationError({"refresh": ["This token belongs to another user."]})
        refresh.blacklist()  # needs "rest_framework_simplejwt.token_blacklist" in INSTALLED_APPS
        return Response(status=status.HTTP_205_RESET_CONTENT)
# --8<-- [end:logout-view]


# --8<-- [start:password-reset-views]
class PasswordResetRequestView(APIView):
    """POST {"email"}: always the same answer, so nobody can test which emails have accounts."""
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def post(self, request):
        serializer = PasswordResetRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        User = get_user_model()
        for user in User._default_manager.filter(email__iexact=serializer.validated_data["email"],
                                                 is_active=True):
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)  # valid for PASSWORD_RESET_TIMEOUT seconds
            link = f"{settings.FRONTEND_URL}/reset-password?uid={uid}&token={token}"
            send_mail("Reset your password", f"Open this link to choose a new password: {link}",
                      None, [user.email])
        return Response({"detail": "If that address has an account, we sent it a reset link."})


class PasswordResetConfirmView(APIView):
    """POST {"uid", "token", "new_password"}, sent by the frontend page the link opens."""
    permission_classes = [permissions.AllowAny]
    authentication_classes = []

    def post(self, request):
        serializer = PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        User = get_user_model()
        try:
            user = User._default_manager.get(pk=force_str(urlsafe_base64_decode(data["uid"])))
        except (ValueError, TypeError, OverflowError, User.DoesNotExist):
            user = None
        if user is None or not default_token_generator.check_token(user, data["token"]):
            raise ValidationError({"token": ["This reset link is invalid or has expired."]})
        user.set_password(data["new_password"])  # changing the hash also invalidates the link
        user.save(update_fields=["password"])
        return Response({"detail": "Your password has been changed."})
# --8<-- [end:password-reset-views]
