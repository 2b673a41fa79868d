"""A database that cannot write (read-only file, full disk, server gone) gives a clear page;
no response is cached."""

import logging
from collections.abc import Callable

from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    NotSupportedError,
    ProgrammingError,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

logger = logging.getLogger("borgerraadgiver.database")

# Errors of the code or the data, not of the database's state: a real 500, to be fixed.
_BUGS = (IntegrityError, DataError, ProgrammingError, NotSupportedError)


class DatabaseUnavailableMiddleware:
    """Turns an OperationalError/InternalError from a view into a 503 page, not a stack trace.

    Every write is one transaction (a service), so a failed write is rolled back whole: nothing
    already saved is lost, and the user is told to try again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        return self.response_for(request, exception)

    @staticmethod
    def response_for(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The 503 page for a database that cannot write or be reached; None for other errors."""
        if not isinstance(exception, DatabaseError) or isinstance(exception, _BUGS):
            return None
        logger.error(
            "database unavailable",
            extra={
                "event": {
                    "event": "database_unavailable",
                    "request_id": getattr(request, "request_id", None),
                    "method": request.method,
                    "path": request.path,
                    "error": type(exception).__name__,
                    "detail": str(exception)[:200],
                }
            },
        )
        context = {"writing": request.method not in ("GET", "HEAD", "OPTIONS")}
        try:  # the page with the office's header needs a read that may fail as well
            response = render(request, "operations/database_unavailable.html", context, status=503)
        except Exception:
            response = render(
                request, "operations/database_unavailable_plain.html", context, status=503
            )
        response["Retry-After"] = "30"
        return response


class NoStoreMiddleware:
    """No page or download the app makes is kept by a browser's or a proxy's cache.

    Nearly every page shows personal data, and a cached copy outlives the logout (the back
    button, a shared office computer, a proxy). Static files never reach this: WhiteNoise,
    earlier in the chain, serves them with their own long cache headers. A response that sets
    its own Cache-Control keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
