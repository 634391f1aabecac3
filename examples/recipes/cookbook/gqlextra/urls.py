"""Mounted at /gqlextra/ by the recipes' test project."""
from django.urls import path
from graphene.validation import depth_limit_validator
from graphene_django.views import GraphQLView
from graphql import specified_rules

from .schema import LogResolverErrors, MaxAliasesRule, schema

# --8<-- [start:view]
graphql_view = GraphQLView.as_view(
    schema=schema,
    middleware=[LogResolverErrors()],
    validation_rules=(*specified_rules, depth_limit_validator(max_depth=5), MaxAliasesRule),
)
# --8<-- [end:view]

urlpatterns = [
    path("graphql/", graphql_view),
    path("plain/", GraphQLView.as_view(schema=schema)),  # no middleware: errors are not logged
]
