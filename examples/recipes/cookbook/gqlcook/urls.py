"""Mounted at /gqlcook/ by the recipes' test project."""
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from .schema import schema
from .views import JWTGraphQLView, graphql_with_loaders

# --8<-- [start:graphql-urls]
urlpatterns = [
    path("graphql/", csrf_exempt(JWTGraphQLView.as_view(schema=schema))),  # tokens, not cookies: no CSRF
    path("graphql-loaders/", csrf_exempt(graphql_with_loaders)),
]
# --8<-- [end:graphql-urls]
