"""Hash and check a secret with Django's hashers (docs/howto/auth.md#auth-hash-passwords)."""
# --8<-- [start:hash-and-check]
from django.contrib.auth.hashers import check_password, make_password


def hash_pin(raw_pin: str) -> str:
    """What you store: "algorithm$iterations$salt$hash", never the PIN itself."""
    return make_password(raw_pin)  # the first hasher in PASSWORD_HASHERS, a new random salt


def pin_matches(raw_pin: str, stored: str) -> bool:
    return check_password(raw_pin, stored)  # hashes raw_pin the same way and compares
# --8<-- [end:hash-and-check]
