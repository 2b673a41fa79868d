"""API tokens, stored as a hash: the secret itself is shown once and never kept."""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _


def token_hash(key: str) -> str:
    """SHA-256 of the token: tokens are long random strings, so a fast hash is enough."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """One user's key to the REST API. Creating a new one replaces the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_token",
    )
    key_hash = models.CharField(_("key (SHA-256)"), max_length=64, unique=True)
    # The first characters, so that a user can tell which token a program holds.
    prefix = models.CharField(_("starts with"), max_length=8)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    # The user's password, as Django's sessions see it (`get_session_auth_hash`) when the token
    # was made: a new password ends the token as it ends every session.
    auth_hash = models.CharField(_("password fingerprint"), max_length=128)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    def is_valid_for(self, user: Any, now: datetime.datetime) -> bool:
        """Not expired, and the user's password is the one the token was made under."""
        return now < self.expires_at and constant_time_compare(
            self.auth_hash, user.get_session_auth_hash()
        )
