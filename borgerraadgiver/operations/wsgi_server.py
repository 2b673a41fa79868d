"""gunicorn, started from inside the `serve` command with the settings already loaded."""

from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

from borgerraadgiver.operations import warm


class _Application(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIHandler:
        # Loaded once in the master (`preload_app`), warmed there, and forked into the workers.
        application = get_wsgi_application()
        warm.warm_up()
        warm.freeze()
        return application


def run(options: dict[str, Any]) -> None:
    """Serve until stopped (SIGTERM or SIGINT: finish the requests under way, then stop)."""
    _Application(options).run()
