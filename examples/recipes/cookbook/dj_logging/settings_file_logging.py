"""The LOGGING setting of the log-to-a-file recipe (docs/howto/django.md)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# --8<-- [start:logging]
LOG_DIR = Path(os.environ.get("LOG_DIR", BASE_DIR / "logs"))
LOG_DIR.mkdir(parents=True, exist_ok=True)  # the handler does not create folders

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "verbose": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "verbose"},
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": LOG_DIR / "django.log",
            "maxBytes": 5 * 1024 * 1024,  # start a new file at 5 MB
            "backupCount": 5,  # keep django.log.1 ... django.log.5
            "encoding": "utf-8",
            "formatter": "verbose",
        },
    },
    "loggers": {
        "cookbook": {"handlers": ["console", "file"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console", "file"], "level": "INFO", "propagate": False},
    },
}
# --8<-- [end:logging]
