"""The registration serializer of docs/howto/auth.md#auth-password-strength-drf."""
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


# --8<-- [start:register-serializer]
class RegisterSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, style={"input_type": "password"})

    class Meta:
        model = get_user_model()
        fields = ["id", "username", "email", "password"]

    def validate(self, attrs):
        # An unsaved user lets UserAttributeSimilarityValidator compare the password
        # with the username and email.
        candidate = self.Meta.model(username=attrs.get("username"), email=attrs.get("email", ""))
        try:
            validate_password(attrs["password"], user=candidate)   # runs AUTH_PASSWORD_VALIDATORS
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"password": list(exc.messages)})
        return attrs

    def create(self, validated_data):
        return self.Meta.model.objects.create_user(**validated_data)   # hashes the password
# --8<-- [end:register-serializer]
