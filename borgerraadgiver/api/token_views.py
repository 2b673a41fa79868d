"""The page where a user makes, replaces or deletes their own API token."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import second_factor_verified
from borgerraadgiver.api.models import ApiToken
from borgerraadgiver.api.permissions import can_use_api
from borgerraadgiver.api.services import api_token_create, api_token_revoke


@never_cache
@require_http_methods(["GET", "POST"])
def token(request: AuthedRequest) -> HttpResponse:
    """GET: whether the user has a token. POST `create`: a new one, shown on this answer only;
    POST `revoke`: delete it."""
    if not can_use_api(request.user):
        raise PermissionDenied
    key = None
    revoked = False
    refused = ""
    verified = second_factor_verified(request)
    if request.method == "POST":
        if "revoke" in request.POST:
            revoked = api_token_revoke(user=request.user)
        else:
            try:
                key = api_token_create(
                    user=request.user, now=timezone.now(), second_factor_verified=verified
                )
            except ValidationError as error:
                refused = " ".join(error.messages)
    return render(
        request,
        "api/token.html",
        {
            "key": key,
            "revoked": revoked,
            "refused": refused,
            "second_factor_verified": verified,
            "now": timezone.now(),
            "token": ApiToken.objects.filter(user=request.user).first(),
        },
    )
