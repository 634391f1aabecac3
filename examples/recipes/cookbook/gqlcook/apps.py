from django.apps import AppConfig


class GqlCookConfig(AppConfig):
    """docs/howto/graphql.md: graphene-django recipes (auth, pagination, DataLoader, mutations)."""
    name = "cookbook.gqlcook"
    label = "cookbook_gql"
    default_auto_field = "django.db.models.BigAutoField"
