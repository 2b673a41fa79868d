"""The yardstick of bench/concurrency.py: a bare Django view, served as `borgerraadgiver serve`
serves the app (the same gunicorn options: workers, threads, preloading, keep-alive).

    bare_site.py --bind 127.0.0.1:8820 --workers 2 --threads 2

The view answers a short text without a database, a template, a session or middleware: the
least a Django request costs on this machine, measured in the same run as the app's pages.
"""

import argparse
import os
import sys
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ["DJANGO_SETTINGS_MODULE"] = "bare_site"
sys.modules.setdefault("bare_site", sys.modules[__name__])

# Settings (this module is its own settings module and URLconf).
DEBUG = False
SECRET_KEY = "bench-bare-site"  # noqa: S105 - a throwaway server on the loopback
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bare_site"
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict[str, object] = {}
USE_TZ = True
LOGGING_CONFIG = None


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("", bare_view)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bind", default="127.0.0.1:8820")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    import django

    django.setup()
    # The app's own gunicorn options and runner, so both servers are served the same way.
    from borgerraadgiver.operations.management.commands.serve import (
        gunicorn_options,
    )
    from borgerraadgiver.operations.wsgi_server import run

    run(gunicorn_options(bind=args.bind, workers=args.workers, threads=args.threads, timeout=60))


if __name__ == "__main__":
    main()
