import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.functional import LazyObject, empty
from django_otp.middleware import OTPMiddleware
from django_otp.models import Device

from borgerraadgiver.accounts.kept import device_kept
from borgerraadgiver.accounts.permissions import (
    has_second_factor,
    must_use_second_factor,
    second_factor_verified,
)

# The session's expiry moves forward at most this often, so that a page view does not write.
SESSION_REFRESH_SECONDS = 60
LAST_SEEN_SESSION_KEY = "last_seen"
# Whether the user had an authenticator app when they logged in.
ENROLLED_SESSION_KEY = "second_factor_enrolled"


class KeptDeviceOTPMiddleware(OTPMiddleware):
    """django-otp's middleware, reading the device the session was verified with from what the
    process keeps (`accounts.kept`) rather than with a query on every request.

    `request.user` is the user itself, loaded here, not django-otp's lazy object around
    Django's (issue 18): every one of the hundreds of reads of it a page makes (the menu, the
    permission checks, the templates) went through both, a fortieth of the inquiry page. Every
    request past this point loads the user anyway (`UserLanguageMiddleware`)."""

    def __call__(self, request: HttpRequest) -> Any:
        if self._is_async:
            return self.__acall__(request)
        self._install_lazy_accessors(request)
        user = getattr(request, "user", None)
        if user is not None:
            request.user = loaded(user)
        return self.get_response(request)

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        return device_kept(self._normalize_persistent_id(persistent_id))


def loaded(value: Any) -> Any:
    """The object behind Django's lazy wrappers (`SimpleLazyObject`), loaded now."""
    while isinstance(value, LazyObject):
        if value._wrapped is empty:
            value._setup()
        value = value._wrapped
    return value


class UserLanguageMiddleware:
    """A logged-in user's chosen language wins over the browser's; empty follows the browser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language:
            response.headers.setdefault("Content-Language", language)
        return response


def second_factor_not_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks the views a logged-in user reaches before the second factor (the steps themselves)."""
    view.second_factor_required = False  # type: ignore[attr-defined]
    return view


class SecondFactorRequiredMiddleware:
    """After the password, advisors and administrators (and whoever enrolled) give a TOTP code.

    Every page but the public ones and the two-factor steps sends such a user to the code step,
    or to enrolment if they have no authenticator app yet. The admin is covered too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if not getattr(view_func, "second_factor_required", True):
            return None
        if second_factor_verified(request):
            return None
        # Noted at login (accounts.signals), so that a manager's pages ask the database nothing.
        enrolled = request.session.get(ENROLLED_SESSION_KEY)
        if enrolled is None:
            enrolled = has_second_factor(user)
        if not enrolled and not must_use_second_factor(user):
            return None
        target = "accounts:otp_verify" if enrolled else "accounts:two_factor_enrol"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(reverse(target) + (f"?{query}" if query else ""))


class SessionActivityMiddleware:
    """Moves a session's expiry forward as the user works, so it ends after inactivity.

    Django's SESSION_SAVE_EVERY_REQUEST would write the session on every page; this writes it at
    most once a minute, so the inactivity limit is SESSION_COOKIE_AGE give or take a minute.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if not session.is_empty() and session.get(SESSION_KEY):
            now = int(time.time())
            last_seen = session.get(LAST_SEEN_SESSION_KEY, 0)
            if now - last_seen >= min(SESSION_REFRESH_SECONDS, settings.SESSION_COOKIE_AGE):
                session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)
