"""JWT serializers for the auth recipes (docs/howto/auth.md)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer


# --8<-- [start:email-token-serializer]
class EmailTokenObtainPairSerializer(TokenObtainPairSerializer):
    username_field = "email"  # the login form sends {"email": ..., "password": ...}
# --8<-- [end:email-token-serializer]


# --8<-- [start:custom-claims]
class ClaimsTokenObtainPairSerializer(TokenObtainPairSerializer):
    @classmethod
    def get_token(cls, user):
        token = super().get_token(user)  # a RefreshToken; its access token copies these claims
        token["username"] = user.username
        token["role"] = "staff" if user.is_staff else "member"
        return token

    def validate(self, attrs):
        data = super().validate(attrs)  # {"refresh": ..., "access": ...}
        data["user"] = {"id": self.user.id, "username": self.user.username, "email": self.user.email}
        return data
# --8<-- [end:custom-claims]


# --8<-- [start:password-reset-serializers]
class PasswordResetRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetConfirmSerializer(serializers.Serializer):
    uid = serializers.CharField()
    token = serializers.CharField()
    new_password = serializers.CharField(write_only=True)

    def validate_new_password(self, value):
        validate_password(value)  # AUTH_PASSWORD_VALIDATORS: length, common passwords...
        return value
# --8<-- [end:password-reset-serializers]


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email"]
