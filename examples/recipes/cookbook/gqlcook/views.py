"""Views of the GraphQL recipes (docs/howto/graphql.md)."""
import json
from types import SimpleNamespace

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from graphene_django.views import GraphQLView
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication

from .loaders import AuthorLoader, loader_schema


# --8<-- [start:jwt-view]
def failure_message(exc: AuthenticationFailed) -> str:
    """simplejwt's InvalidToken carries a dict (detail, code, messages): keep its sentence."""
    detail = exc.detail
    return str(detail.get("detail", "")) if isinstance(detail, dict) else str(detail)


class JWTGraphQLView(GraphQLView):
    """Reads "Authorization: Bearer <access token>" before graphene runs the query.

    GraphQLView is a plain Django view: DRF's authentication classes never run for it, so
    info.context.user would stay AnonymousUser however good the token is.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            result = JWTAuthentication().authenticate(request)  # None if there is no Bearer header
        except AuthenticationFailed as exc:  # a bad or expired token
            return JsonResponse({"errors": [{"message": failure_message(exc),
                                             "extensions": {"code": "UNAUTHENTICATED"}}]}, status=401)
        # Only the token counts: a session cookie must not log anyone in to a csrf_exempt view.
        request.user = result[0] if result else AnonymousUser()
        return super().dispatch(request, *args, **kwargs)
# --8<-- [end:jwt-view]


# --8<-- [start:async-view]
async def graphql_with_loaders(request):
    """POST {"query", "variables"}: runs the schema with asyncio, so DataLoaders can batch."""
    body = json.loads(request.body)
    try:  # the token only, as in JWTGraphQLView: this view is csrf_exempt too
        result = await sync_to_async(JWTAuthentication().authenticate)(request)
    except AuthenticationFailed as exc:
        return JsonResponse({"errors": [{"message": failure_message(exc),
                                         "extensions": {"code": "UNAUTHENTICATED"}}]}, status=401)
    user = result[0] if result else AnonymousUser()
    context = SimpleNamespace(user=user, author_loader=AuthorLoader())  # new loaders per request
    result = await loader_schema.execute_async(body["query"], variable_values=body.get("variables"),
                                               context_value=context)
    payload = {"data": result.data}
    if result.errors:
        payload["errors"] = [error.formatted for error in result.errors]
    return JsonResponse(payload)
# --8<-- [end:async-view]
