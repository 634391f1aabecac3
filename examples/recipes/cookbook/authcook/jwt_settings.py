"""Settings of the JWT logout recipe (docs/howto/auth.md#auth-jwt-logout-blacklist)."""
from datetime import timedelta

# --8<-- [start:blacklist-settings]
INSTALLED_APPS = [
    ...,  # Django's, DRF's and your own apps
    "rest_framework_simplejwt.token_blacklist",  # then run: python manage.py migrate
]

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),  # a logged-out access token lives this long at most
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": True,                  # each refresh returns a new refresh token...
    "BLACKLIST_AFTER_ROTATION": True,               # ...and retires the old one
}
# --8<-- [end:blacklist-settings]
