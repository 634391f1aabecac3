"""Settings of the servers that tests/live.py starts: the Job Board's own settings (DEBUG on or off
as each test asks), with one change no client can see through the API: a fast password hasher,
the one the in-process tests use too (tests/conftest.py).

PBKDF2's 1,000,000 iterations cost about a second of CPU per sign-up or log-in on a busy 2-core
machine, and Django hashes even for a log-in with an unknown username (so that a wrong username
takes as long as a wrong password). The contract tester sends dozens of them per run; the hash is
nothing it checks. Deployments keep PBKDF2 (config/settings.py).
"""
from config.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
