"""A custom authentication class and its OpenAPI description (docs/howto/drf.md#drf-spectacular-swagger-jwt)."""
from django.conf import settings
from django.contrib.auth import get_user_model
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """X-API-Key: <key>, looked up in settings.API_KEYS (key -> username)."""

    def authenticate(self, request):
        key = request.headers.get("X-API-Key")
        if key is None:
            return None  # not this scheme: let the next class try
        username = getattr(settings, "API_KEYS", {}).get(key)
        if username is None:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        return get_user_model().objects.get(username=username), key

    def authenticate_header(self, request):
        return "X-API-Key"  # a WWW-Authenticate value makes DRF answer 401, not 403


# --8<-- [start:auth-extension]
class ApiKeyScheme(OpenApiAuthenticationExtension):
    """Tells drf-spectacular how ApiKeyAuthentication works, so Swagger UI can send the key."""
    target_class = "cookbook.drfcook.auth.ApiKeyAuthentication"  # dotted path of your class
    name = "apiKeyAuth"  # the name in components.securitySchemes

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "X-API-Key"}
# --8<-- [end:auth-extension]
