"""An API key read from a request header (docs/howto/auth.md#auth-api-key)."""
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework import authentication, exceptions, permissions
from rest_framework.response import Response
from rest_framework.views import APIView


# --8<-- [start:api-key-authentication]
class APIKeyAuthentication(authentication.BaseAuthentication):
    """`X-API-Key: <key>` logs the request in as the key's service account.

    settings.API_KEYS maps the SHA-256 of each key to a username, so the
    settings (and the repository) never hold a usable key.
    """

    def authenticate(self, request):
        key = request.headers.get("X-API-Key")
        if not key:
            return None  # no key: the next class may try, or the request stays anonymous
        digest = hashlib.sha256(key.encode()).hexdigest()
        for stored, username in settings.API_KEYS.items():
            if hmac.compare_digest(digest, stored):  # constant time: no timing hints
                user = get_user_model().objects.filter(username=username, is_active=True).first()
                if user is not None:
                    return (user, None)
        raise exceptions.AuthenticationFailed("Invalid API key.")

    def authenticate_header(self, request):
        return "X-API-Key"  # makes a missing key a 401, not a 403
# --8<-- [end:api-key-authentication]


# --8<-- [start:api-key-view]
class ServiceReportView(APIView):
    authentication_classes = [APIKeyAuthentication]
    permission_classes = [permissions.IsAuthenticated]

    def get(self, request):
        return Response({"caller": request.user.get_username()})
# --8<-- [end:api-key-view]
