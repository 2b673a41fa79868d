"""Token authentication against hashed keys: `Authorization: Token <key>`."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.request import Request

from borgerraadgiver.accounts.permissions import (
    has_second_factor,
    must_use_second_factor,
    second_factor_verified,
)
from borgerraadgiver.api.models import ApiToken, token_hash


class HashedTokenAuthentication(TokenAuthentication):
    """DRF's token scheme, but the database holds only the key's hash, never the key."""

    model = ApiToken

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(key)).first()
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if not token.is_valid_for(token.user, timezone.now()):
            raise exceptions.AuthenticationFailed(
                _("The token has expired, or the password was changed: make a new one.")
            )
        return (token.user, token)


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser's session, for the schema and its page only, and only past the second
    factor for those who must give one: the same rule as every page behind login."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if second_factor_verified(request._request):
            return result
        if must_use_second_factor(user) or has_second_factor(user):
            return None
        return result
