"""Token authentication against hashed keys: `Authorization: Token <key>`."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

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
        return (token.user, token)
