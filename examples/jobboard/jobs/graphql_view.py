"""GraphQLView that understands the same JWT bearer tokens as the REST API."""
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import NoSchemaIntrospectionCustomRule, specified_rules
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from core.errors import error_response

from .graphql_limits import QueryCostRule


# --8<-- [start:graphql-validation-rules]
def validation_rules() -> tuple:
    """A depth cap, so one small nested query (company → jobs → company → ...) cannot tie up a
    worker; a cost cap on aliases and list sizes (jobs/graphql_limits.py), for the wide queries a
    depth cap lets through; and no schema introspection in production, where only our own clients
    call us. graphql-core's NoSchemaIntrospectionCustomRule refuses `__schema` and `__type` but not
    `__typename`, which Apollo and every caching client add to each query. The view's rules replace
    graphql-core's defaults, so the specification's rules come first: without them a misspelt
    field is silently dropped instead of reported."""
    rules = (*specified_rules, depth_limit_validator(max_depth=5), QueryCostRule)
    return rules if settings.DEBUG else rules + (NoSchemaIntrospectionCustomRule,)
# --8<-- [end:graphql-validation-rules]


class JWTGraphQLView(GraphQLView):
    """Authenticates by the JWT in the Authorization header, and by nothing else.

    The view is CSRF-exempt (clients send tokens, not cookies), so it must never act as the
    session's user: a page on another site could make a signed-in browser post a mutation.
    Without a token the request is anonymous, whatever cookies came with it.
    """

    def dispatch(self, request: HttpRequest, *args, **kwargs):
        try:
            result = JWTAuthentication().authenticate(request)  # reads the Authorization header
        except AuthenticationFailed as exc:
            return error_response(401, "not_authenticated", str(exc.detail))
        request.user = result[0] if result is not None else AnonymousUser()
        return super().dispatch(request, *args, **kwargs)
