"""The sender addresses Django uses when the code passes none (docs/troubleshooting/email.md#email-webmaster-localhost)."""
import os

# --8<-- [start:from-address]
# Without these, Django sends as webmaster@localhost (DEFAULT_FROM_EMAIL) and error emails
# to ADMINS as root@localhost (SERVER_EMAIL). Use addresses on a domain your mail service verified.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Job Board <no-reply@jobs.example.com>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", "errors@jobs.example.com")
# --8<-- [end:from-address]
