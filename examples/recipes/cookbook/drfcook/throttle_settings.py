"""The settings of the scoped-throttle recipe (docs/howto/drf.md#drf-throttle-login-endpoint)."""

# --8<-- [start:throttle-settings]
REST_FRAMEWORK = {
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": "100/hour",
        "user": "1000/hour",
        "login": "5/minute",  # used by views with throttle_scope = "login"
    },
}
# Throttles keep their counters in the default cache: use Redis in production, so every
# worker shares one count (LocMemCache counts per process; DummyCache never counts at all).
# --8<-- [end:throttle-settings]
