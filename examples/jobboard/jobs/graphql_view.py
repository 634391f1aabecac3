"""GraphQLView that understands the same JWT bearer tokens as the REST API."""
from django.conf import settings
from django.http import HttpRequest
from graphene.validation import DisableIntrospection, depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import specified_rules
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from core.errors import error_response


# --8<-- [start:graphql-validation-rules]
def validation_rules() -> tuple:
    """A depth cap, so one small nested query (company → jobs → company → ...) cannot tie up a
    worker; and no schema introspection in production, where only our own clients call us.
    The view's rules replace graphql-core's defaults, so the specification's rules come first:
    without them a misspelt field is silently dropped instead of reported."""
    rules = (*specified_rules, depth_limit_validator(max_depth=5))
    return rules if settings.DEBUG else rules + (DisableIntrospection,)
# --8<-- [end:graphql-validation-rules]


class JWTGraphQLView(GraphQLView):
    def dispatch(self, request: HttpRequest, *args, **kwargs):
        try:
            result = JWTAuthentication().authenticate(request)  # reads the Authorization header
        except AuthenticationFailed as exc:
            return error_response(401, "not_authenticated", str(exc.detail))
        if result is not None:
            request.user = result[0]
        return super().dispatch(request, *args, **kwargs)
