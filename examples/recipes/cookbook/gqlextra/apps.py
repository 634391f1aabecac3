from django.apps import AppConfig


class GqlExtraConfig(AppConfig):
    """docs/howto/graphql.md and docs/troubleshooting/graphql.md: computed fields, ordering, tests,
    error logging, alias limits and JSON values. No models: it reuses cookbook.gqlcook's."""
    name = "cookbook.gqlextra"
    label = "cookbook_gqlextra"
