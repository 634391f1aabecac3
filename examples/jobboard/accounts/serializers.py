from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import ASCIIUsernameValidator
from rest_framework import serializers
from rest_framework.validators import UniqueValidator
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer

from core.serializers import JSONModelSerializer, JSONTypesMixin

User = get_user_model()


class RegisterSerializer(JSONModelSerializer):
    # ASCII letters and digits: the contract's pattern ^[\w.@+-]+$ means ASCII in JSON Schema
    # (ECMAScript), while Django's default validator reads \w as any Unicode letter.
    username = serializers.CharField(max_length=150, validators=[
        ASCIIUsernameValidator(), UniqueValidator(queryset=User.objects.all())])
    password = serializers.CharField(write_only=True, min_length=8, style={"input_type": "password"})

    class Meta:
        model = User
        fields = ["id", "username", "email", "password", "role"]

    def validate_password(self, value: str) -> str:
        validate_password(value)
        return value

    def create(self, validated_data):
        return User.objects.create_user(**validated_data)


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "role"]
        read_only_fields = fields


class LoginSerializer(JSONTypesMixin, TokenObtainPairSerializer):
    """simplejwt's login body, taking strings only (core/serializers.py says why)."""


class RefreshSerializer(JSONTypesMixin, TokenRefreshSerializer):
    """simplejwt's refresh body, taking a string only."""
