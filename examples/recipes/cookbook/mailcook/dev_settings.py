"""Development email settings (docs/howto/email.md#email-dev-backends): print, don't send."""
import os

# --8<-- [start:dev-backend]
# Console by default; production sets EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Only used by the file backend: one file per message in this folder.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "sent_emails")
# --8<-- [end:dev-backend]
