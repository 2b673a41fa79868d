from typing import Any
from urllib.parse import urlencode

import django_otp
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from borgerraadgiver.accounts import services
from borgerraadgiver.accounts.forms import CodeOrBackupCodeForm, LanguageForm, TokenForm
from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.middleware import ENROLLED_SESSION_KEY, second_factor_not_required
from borgerraadgiver.accounts.permissions import (
    has_second_factor,
    must_use_second_factor,
    second_factor_verified,
)
from borgerraadgiver.accounts.services import user_set_language
from borgerraadgiver.accounts.two_factor import totp_qr_data_uri, totp_secret_text
from borgerraadgiver.core.forms import form_apply_errors


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return default
    return next_url


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language: saved on the user when logged in, in a cookie for the login page."""
    form = LanguageForm(request.POST)
    response = HttpResponseRedirect(_safe_next(request))
    if not form.is_valid():
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    if language:
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 60 * 60, samesite="Lax"
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


def client_address(request: HttpRequest) -> str:
    """The address django-axes counts failed logins by (setting LOGIN_CLIENT_ADDRESS_HEADER)."""
    header = settings.LOGIN_CLIENT_ADDRESS_HEADER
    return str(request.META.get(header) or request.META.get("REMOTE_ADDR") or "").strip()


def locked_out(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """django-axes calls this for a login refused because of too many failed attempts."""
    cool_off = get_cool_off(request)
    return render(
        request,
        "accounts/locked_out.html",
        {
            "until": timezone.now() + cool_off if cool_off else None,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: AuthedRequest) -> HttpResponse:
    """The second step of login: the code from the user's authenticator app."""
    next_url = _safe_next(request)
    if second_factor_verified(request):
        return redirect(next_url)
    if not has_second_factor(request.user):
        return redirect(_with_next("accounts:two_factor_enrol", next_url))
    form = CodeOrBackupCodeForm(request.POST or None)
    if form.is_valid():
        try:
            device = services.totp_token_check(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            django_otp.login(request, device)
            # A new session key once fully logged in: a key seen before the second factor
            # (on a shared machine, in a proxy's log) opens nothing.
            request.session.cycle_key()
            return redirect(next_url)
    return render(
        request, "accounts/otp_verify.html", {"form": form, "next": next_url, "hide_menu": True}
    )


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request: AuthedRequest) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the secret), confirm a first code."""
    next_url = _safe_next(request)
    if has_second_factor(request.user):
        if second_factor_verified(request):
            return redirect("accounts:two_factor")
        return redirect(_with_next("accounts:otp_verify", next_url))
    device = services.totp_enrolment_start(user=request.user)
    form = TokenForm(request.POST or None)
    if form.is_valid():
        try:
            device = services.totp_enrolment_confirm(
                user=request.user, device=device, token=form.cleaned_data["token"]
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        except PermissionDenied:
            return redirect("accounts:two_factor")
        else:
            django_otp.login(request, device)
            request.session.cycle_key()  # as after the code: see otp_verify
            request.session[ENROLLED_SESSION_KEY] = True
            return redirect(next_url)
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": totp_qr_data_uri(device),
            "secret": totp_secret_text(device),
            "required": must_use_second_factor(request.user),
            # Before the second factor, the menu's pages would only lead back here.
            "hide_menu": must_use_second_factor(request.user),
        },
    )


def two_factor(request: AuthedRequest) -> HttpResponse:
    """Whether the user logs in with an authenticator app, and a way to set one up."""
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enrolled": has_second_factor(request.user),
            "required": must_use_second_factor(request.user),
            "backup_codes_left": services.backup_codes_left(user=request.user),
        },
    )


@require_POST
@never_cache
def backup_codes_create(request: AuthedRequest) -> HttpResponse:
    """New backup codes, shown this once (a POST, so that reloading does not make others)."""
    codes = services.backup_codes_create(user=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes})
