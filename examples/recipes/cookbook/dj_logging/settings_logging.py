"""The LOGGING setting of the logging recipe (docs/howto/django.md)."""
import os

# --8<-- [start:logging]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,  # keep Django's own loggers working
    "formatters": {
        "simple": {"format": "{levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",  # what docker logs and systemd read
            "formatter": "simple",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # Your code: name the top package of your apps (here "cookbook").
        "cookbook": {
            "handlers": ["console"],
            "level": os.environ.get("APP_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # Django's request errors (500s) and warnings (404s).
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
# --8<-- [end:logging]
