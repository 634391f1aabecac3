from django.apps import AppConfig


class DjErrorPagesConfig(AppConfig):
    """docs/howto/django.md: your own 404 and 500 pages. The templates live in site_templates/,
    a project-level folder that only the recipe's test adds to TEMPLATES["DIRS"], so the other
    recipes keep Django's default error pages."""
    name = "cookbook.dj_errorpages"
    label = "cookbook_dj_errorpages"
