import datetime
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment on `day` in the office's time zone: services take the time as an argument."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def queries_for(client, url: str) -> int:
    """The queries of a page as the office's staff meet it: after a first request, which reads
    the office's lists (kept by the process from then on until they change: organisation.kept)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


REPO = Path(__file__).resolve().parents[1]


def project_python(
    args: list[str], *, env: dict[str, str], timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """This Python run in a fresh process in the project's folder with `args` and only `env`:
    settings and commands as a server or an operator meets them. Output captured as text."""
    return subprocess.run(  # noqa: S603 - this Python on the project's own code
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
