from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "cookbook.health"
    label = "cookbook_health"
