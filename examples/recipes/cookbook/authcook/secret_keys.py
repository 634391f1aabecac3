"""SECRET_KEY from the environment, with old keys kept while you rotate (docs/practices/config-secrets.md).

A settings fragment: put these lines in settings.py."""
import os

# --8<-- [start:secret-key-rotation]
# The key that signs everything new. It comes from the environment and stays the same across
# restarts and workers; never fall back to a random key generated at start-up.
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# Old keys still accepted when Django checks a signature (sessions, password-reset links, signed
# cookies), never used to sign. Comma-separated; empty when you are not rotating.
SECRET_KEY_FALLBACKS = [key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key]
# --8<-- [end:secret-key-rotation]
