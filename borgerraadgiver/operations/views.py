import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from borgerraadgiver.operations.health import health_recent
from borgerraadgiver.operations.middleware import DatabaseUnavailableMiddleware


@login_not_required
@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For the load balancer and monitoring: 200 when the app can serve, 503 when it cannot.

    Tells nothing about the register (no counts, no names) and writes nothing, so it is not an
    access to personal data and is not in the access log.
    """
    result = health_recent(max_age=settings.HEALTH_CACHE_SECONDS)
    return JsonResponse(
        {
            "status": "ok" if result.ok else "error",
            "database": result.database,
            "migrations": result.migrations,
            "duration_ms": result.duration_ms,
            "tasks": result.tasks,
        },
        status=200 if result.ok else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler: a database that cannot write anywhere in the request (also in a
    middleware, such as the session's save) gives the 503 page; anything else the 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, Exception):
        response = DatabaseUnavailableMiddleware.response_for(request, error)
        if response is not None:
            return response
    return defaults.server_error(request)
