"""Creating and revoking API tokens."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api.models import ApiToken, token_hash
from borgerraadgiver.api.permissions import can_use_api


@transaction.atomic
def api_token_create(*, user: User, now: datetime.datetime, second_factor_verified: bool) -> str:
    """Give the user a new API token, replacing any earlier one, and return its key.

    The key is returned this once: only its hash is stored, so it cannot be shown again. Only a
    user with a role the API serves (advisor, department manager, report reader) gets one, and
    only past the second factor: a token outlives the login, so a stolen password alone must
    not be enough to make one. It expires after `API_TOKEN_DAYS`, and ends at once when the
    user's password changes or their authenticator app is reset.
    """
    if not can_use_api(user):
        raise PermissionDenied
    if not second_factor_verified:
        raise ValidationError(
            _("Set up two-factor login and log in with the code before making a token."),
            code="second_factor_needed",
        )
    key = secrets.token_urlsafe(32)
    ApiToken.objects.filter(user=user).delete()
    ApiToken.objects.create(
        user=user,
        key_hash=token_hash(key),
        prefix=key[:8],
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.API_TOKEN_DAYS),
        auth_hash=user.get_session_auth_hash(),
    )
    return key


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """Delete the user's API token; programs using it lose access at once. Returns whether
    there was one."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)
