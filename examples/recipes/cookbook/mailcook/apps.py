from django.apps import AppConfig


class MailCookConfig(AppConfig):
    """docs/howto/email.md and docs/troubleshooting/email.md: sending email from Django."""
    name = "cookbook.mailcook"
    label = "cookbook_mail"
    default_auto_field = "django.db.models.BigAutoField"
