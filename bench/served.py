"""The environment the benchmarks serve the app and run its commands in (bench/load/run,
bench/faults.py, bench/concurrency.py): the production settings, over plain HTTP on the
loopback, with the clients talking to gunicorn directly.

One function, so that a new production check cannot pass one script and refuse another: the
proxy check (borgerraadgiver.E001) was met by the load test's settings and refused every command
of the fault test, which then waited ten minutes for an import that had never started.
`tests/test_bench_environment.py` runs the system checks in this environment.
"""

import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def production_environment(
    *, database_url: str, work: Path, static_root: str, log_level: str = "WARNING"
) -> dict[str, str]:
    """This process's environment with the production settings on `database_url`; media files
    under `work`, static files collected into `static_root`."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="borgerraadgiver.config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(40),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on the loopback, as behind nginx; TLS is nginx's in production.
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        # The clients talk to gunicorn directly: no proxy whose address every client would share.
        DJANGO_BEHIND_PROXY="false",
        STATIC_ROOT=static_root,
        MEDIA_ROOT=str(work / "media"),
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL=log_level,
        PYTHONPATH=str(PROJECT_DIR),
    )
    return env
