"""SMTP settings read from environment variables (docs/howto/email.md#email-smtp-gmail).

Import-free on purpose: the test loads this file with os.environ patched and reads the names."""
import os

# --8<-- [start:smtp-settings]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "smtp.gmail.com")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))          # 587 = STARTTLS, 465 = implicit TLS
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")        # the full address
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")  # Gmail: a 16-letter app password
# An environment variable is always a string, and "False" is a true value in Python:
# turn the text into a real bool, and derive the SSL flag from the port so both are never True.
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() in ("1", "true", "yes")
EMAIL_USE_SSL = EMAIL_PORT == 465 and not EMAIL_USE_TLS
EMAIL_TIMEOUT = 10                                             # seconds; the default None waits forever
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", EMAIL_HOST_USER)
# --8<-- [end:smtp-settings]
