"""`/health/` answered before the rest of the middleware (`config/settings/base.py`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from borgerraadgiver.operations.views import health


class HealthCheckMiddleware:
    """Answers `GET /health/` (operations:health) itself, before the rest of the middleware.

    The health check needs no session, user, language, CSRF token or content security policy,
    and a load balancer asks it many times a second; the path is looked up once per process.
    Every other request passes through untouched.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.path:
            self.path = reverse("operations:health")
        if request.path_info == self.path:
            response: HttpResponse = health(request)
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)
