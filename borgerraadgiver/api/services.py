"""Creating and revoking API tokens."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api.models import ApiToken, token_hash
from borgerraadgiver.api.permissions import can_use_api


@transaction.atomic
def api_token_create(*, user: User, now: datetime.datetime) -> str:
    """Give the user a new API token, replacing any earlier one, and return its key.

    The key is returned this once: only its hash is stored, so it cannot be shown again. Only a
    user with a role the API serves (advisor, department manager, report reader) gets one.
    """
    if not can_use_api(user):
        raise PermissionDenied
    key = secrets.token_urlsafe(32)
    ApiToken.objects.filter(user=user).delete()
    ApiToken.objects.create(user=user, key_hash=token_hash(key), prefix=key[:8], created_at=now)
    return key


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """Delete the user's API token; programs using it lose access at once. Returns whether
    there was one."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return bool(deleted)
