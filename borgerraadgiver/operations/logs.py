"""Structured logs: one JSON line per request and per job, with no personal data in them.

A request's line has its method, its path *without* the query string (a search term is
personal data), its status, its duration and the user's id (never a name). A job's line has its
name, its counts, its duration and its outcome. Both carry their fields in `record.event`, which
`JsonFormatter` writes out beside the time, level and logger.
"""

import contextlib
import datetime
import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse

request_logger = logging.getLogger("borgerraadgiver.request")
job_logger = logging.getLogger("borgerraadgiver.job")

# A request id passed in by the proxy (nginx's $request_id) is kept if it looks like one.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message and the event."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
        }
        event = getattr(record, "event", None)
        if isinstance(event, dict):
            entry.update(event)
        else:
            entry["message"] = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            # The exception's class and where it was raised; the traceback text holds no
            # variable values, but its message might, so it is kept to the class and frames.
            entry["exception"] = record.exc_info[0].__name__
            entry["traceback"] = "".join(traceback.format_tb(record.exc_info[2]))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Logs one line per request; gives each request an id, also sent as X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        event = {
            "event": "request",
            "request_id": request_id,
            "method": request.method,
            "path": request.path,  # never the query string
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
        quiet = request.path == "/health/" and response.status_code == 200
        request_logger.log(
            logging.DEBUG if quiet else logging.INFO, "request", extra={"event": event}
        )
        return response


@contextlib.contextmanager
def job_log(name: str) -> Iterator[dict[str, Any]]:
    """Time a job and log one line when it ends: `with job_log("backup") as counts: …`.

    The job puts its counts (numbers, never names) in the yielded dict. An exception is logged
    with outcome "failed" and raised again.
    """
    counts: dict[str, Any] = {}
    started = time.perf_counter()
    outcome = "ok"
    try:
        yield counts
    except BaseException as error:
        outcome = "failed"
        counts.setdefault("error", type(error).__name__)
        raise
    finally:
        job_logger.log(
            logging.INFO if outcome == "ok" else logging.ERROR,
            "job",
            extra={
                "event": {
                    "event": "job",
                    "job": name,
                    "outcome": outcome,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    **counts,
                }
            },
        )
