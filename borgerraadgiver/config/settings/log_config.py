"""The log's settings, read by base.py: what it writes, in which format, at which level."""


def logging_config(*, log_format: str, level: str) -> dict[str, object]:
    """One JSON object a line on stderr (journald keeps it); `log_format="text"` for plain lines."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "borgerraadgiver.operations.logs.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": log_format}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own request warnings repeat the request line; the errors stay.
            "django.request": {"level": "ERROR"},
            "django.server": {"level": "WARNING"},
            # A line per step of every PDF otherwise.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
