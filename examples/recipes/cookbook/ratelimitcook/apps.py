from django.apps import AppConfig


class RatelimitCookConfig(AppConfig):
    """docs/concepts/rate-limiting.md, tech/django-ratelimit.md, concepts/middleware.md and
    concepts/ip-tracking.md: throttling, rate-limit and middleware examples the Job Board does not use."""
    name = "cookbook.ratelimitcook"
    label = "cookbook_ratelimit"
