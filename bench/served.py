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
import socket
import sys
from binascii import unhexlify
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The virtual environment whose Python serves the app, runs its commands and the load: the
# project's own, or BENCH_VENV's (one made by another Python, to compare interpreters; see
# bench/README.md, "The interpreter").
VENV = Path(os.environ.get("BENCH_VENV") or PROJECT_DIR / ".venv").resolve()
VENV_BIN = VENV / "bin"


def in_bench_venv(script: str, argv: list[str]) -> None:
    """Run `script` again in the benchmark's virtual environment unless it is running there."""
    if Path(sys.prefix).resolve() == VENV:
        return
    if os.environ.get("BENCH_REEXEC") == script:  # started there once, and still not in it
        raise SystemExit(
            f"{VENV_BIN / 'python'} is not the Python of the virtual environment {VENV}"
        )
    os.environ["BENCH_REEXEC"] = script
    python = str(VENV_BIN / "python")
    os.execv(python, [python, script, *argv])  # noqa: S606


def port_free(port: int) -> None:
    """Stop unless nothing listens on `port` of the loopback. A server left by an interrupted run
    would otherwise answer the health check of the new one, which cannot bind and gives up, and
    the run would measure the old server: its code, its settings, its database."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As gunicorn binds: the connections of a finished run, waiting out TIME_WAIT, don't count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise SystemExit(
                f"Port {port} is in use ({error.strerror}): a server left from an earlier run? "
                f"Stop it (ss -ltnp | grep {port}) or choose another port with --port."
            ) from None


# The PostgreSQL database bench/concurrency.py fills and bench/worker_start.py reuses.
PG_DATABASE = "bench_concurrency"


def concurrency_environment(
    *, db: str, postgres_url: str, work: Path, static_root: str
) -> dict[str, str]:
    """The production settings on the database bench/concurrency.py fills (SQLite's in `work`),
    plain HTTP on the loopback (as behind nginx), connections kept as docs/deployment.md advises."""
    if db == "sqlite":
        url = f"sqlite:///{work / 'bench.db'}"
    else:
        url = f"{postgres_url.rstrip('/')}/{PG_DATABASE}"
    env = production_environment(database_url=url, work=work, static_root=static_root)
    env.setdefault("CONN_MAX_AGE", "60")  # as docs/deployment.md advises, for either database
    return env


def interpreter() -> str:
    """Which Python runs the benchmark, for its first line: 'Python 3.11.2 (/usr/bin/python3.11)'"""
    return f"Python {sys.version.split()[0]} ({os.path.realpath(sys.executable)})"


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


def log_in(base: str, account: dict[str, str], password: str) -> dict[str, str]:
    """An advisor's session past the second factor, through the login pages as a browser."""
    import requests
    from django_otp.oath import totp

    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=30)
    form = {"username": account["username"], "password": password}
    csrf = {"csrfmiddlewaretoken": session.cookies["csrftoken"]}
    session.post(f"{base}/accounts/login/", data={**form, **csrf}, timeout=60)
    code = totp(unhexlify(account["totp_key"]), step=30, t0=0, digits=6, drift=0)
    csrf = {"csrfmiddlewaretoken": session.cookies["csrftoken"]}
    answer = session.post(
        f"{base}/accounts/login/code/", data={"token": f"{code:06d}", **csrf}, timeout=60
    )
    if answer.status_code != 200 or "/accounts/login" in answer.url:
        raise SystemExit(f"Could not log {account['username']} in: {answer.url}")
    return {"sessionid": session.cookies["sessionid"], "csrftoken": session.cookies["csrftoken"]}
