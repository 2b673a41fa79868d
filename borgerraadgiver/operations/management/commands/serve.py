"""`borgerraadgiver serve`: the production web server (gunicorn) with the app's settings.

Workers, threads and the address come from the environment (docs/deployment.md); static files
are served by WhiteNoise from STATIC_ROOT, compressed and with hashed names, so `collectstatic`
must have run (`--collectstatic` does it first). Requests are logged by the app as JSON lines
(`operations.logs`), so gunicorn's own access log, which would show query strings, is off.
"""

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


def default_workers() -> int:
    """WEB_CONCURRENCY, or two per core and one more, at most 9."""
    if os.environ.get("WEB_CONCURRENCY"):
        return int(os.environ["WEB_CONCURRENCY"])
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def gunicorn_options(*, bind: str, workers: int, threads: int, timeout: int) -> dict[str, Any]:
    """gunicorn's settings; its error log goes through the app's JSON formatter."""
    level = os.environ.get("LOG_LEVEL", "INFO").lower()
    return {
        "bind": bind,
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread" if threads > 1 else "sync",
        "timeout": timeout,
        "graceful_timeout": 30,
        # Longer than a client (or nginx with upstream keep-alive) keeps a connection idle, so
        # the server never closes one just as the client sends on it.
        "keepalive": int(os.environ.get("WEB_KEEPALIVE", 75)),
        # A worker is replaced now and then, so that a slow leak cannot grow for weeks.
        "max_requests": int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000)),
        "max_requests_jitter": 200,
        # The app is loaded once before forking: a broken setting stops the start at once.
        "preload_app": True,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": level,
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
        "proc_name": "borgerraadgiver",
        "control_socket_disable": True,
        "logconfig_dict": {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "json": {"()": "borgerraadgiver.operations.logs.JsonFormatter"},
                "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            },
            "handlers": {
                "console": {
                    "class": "logging.StreamHandler",
                    "formatter": os.environ.get("LOG_FORMAT", "json"),
                    "stream": "ext://sys.stderr",
                }
            },
            # gunicorn configures the root logger too: the same as the app's LOGGING.
            "root": {"level": level.upper(), "handlers": ["console"]},
            "loggers": {
                "gunicorn.error": {"level": level.upper(), "handlers": [], "propagate": True}
            },
        },
    }


class Command(BaseCommand):
    help = (
        "Run the production web server (gunicorn). Environment: BIND (127.0.0.1:8000), "
        "WEB_CONCURRENCY (workers), WEB_THREADS (threads per worker), WEB_TIMEOUT (seconds)."
    )
    requires_system_checks = []  # checked once below, with the deployment checks' result shown

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", 2)))
        parser.add_argument("--timeout", type=int, default=int(os.environ.get("WEB_TIMEOUT", 60)))
        parser.add_argument(
            "--collectstatic", action="store_true", help="run collectstatic before starting"
        )
        parser.add_argument(
            "--migrate", action="store_true", help="apply pending migrations before starting"
        )
        parser.add_argument(
            "--print-options", action="store_true", help="print gunicorn's options and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError(
                "DEBUG is on. Serve with the production settings: "
                "DJANGO_SETTINGS_MODULE=borgerraadgiver.config.settings.production"
            )
        gunicorn = gunicorn_options(
            bind=options["bind"],
            workers=options["workers"],
            threads=options["threads"],
            timeout=options["timeout"],
        )
        if options["print_options"]:
            for key, value in gunicorn.items():
                if key != "logconfig_dict":
                    self.stdout.write(f"{key} = {value}")
            return
        self.check(display_num_errors=False)
        if options["migrate"]:
            call_command("migrate", interactive=False, verbosity=1)
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        from borgerraadgiver.operations.wsgi_server import run  # noqa: PLC0415 - gunicorn loads only for serve

        run(gunicorn)
