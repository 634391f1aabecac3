from django.apps import AppConfig


class PgDemoConfig(AppConfig):
    """docs/howto/postgresql.md: JSONField queries and full-text search."""
    name = "cookbook.pg_demo"
    label = "cookbook_pg_demo"
