"""GraphQLView that understands the same JWT bearer tokens as the REST API."""
from django.http import HttpRequest
from graphene_django.views import GraphQLView
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from core.errors import error_response


class JWTGraphQLView(GraphQLView):
    def dispatch(self, request: HttpRequest, *args, **kwargs):
        try:
            result = JWTAuthentication().authenticate(request)  # reads the Authorization header
        except AuthenticationFailed as exc:
            return error_response(401, "not_authenticated", str(exc.detail))
        if result is not None:
            request.user = result[0]
        return super().dispatch(request, *args, **kwargs)
