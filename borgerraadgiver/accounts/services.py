import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_reset_second_factor, has_second_factor

logger = logging.getLogger(__name__)

DEVICE_NAME = "authenticator"


def user_set_language(*, user: User, language: str) -> None:
    """Remember the user's language for every later page; empty means follow the browser."""
    user.language = language
    user.full_clean(validate_unique=False)
    user.save(update_fields=["language"])


def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator app being set up, with a new secret the first time.

    Refused when the user already has a confirmed one: replacing it would let anyone who knows
    the password skip the second factor. An administrator resets it instead.
    """
    if has_second_factor(user):
        raise PermissionDenied
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_enrolment_confirm(*, user: User, device: TOTPDevice, token: str) -> TOTPDevice:
    """Confirms the app with its first code; other half-finished set-ups are removed."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if device.confirmed or has_second_factor(user):
            raise PermissionDenied
        if not device.verify_token(token):
            raise ValidationError(
                {"token": _("The code is wrong or too old. Type the code the app shows now.")}
            )
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    logger.info("User %s enrolled an authenticator app", user.pk)
    return device


def totp_token_check(*, user: User, token: str) -> TOTPDevice:
    """The user's confirmed app if the code is right; wrong codes slow further tries down."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        raise PermissionDenied
    allowed, _details = device.verify_is_allowed()
    if not allowed:
        raise ValidationError(
            {
                "token": _(
                    "Wait a few seconds and try again: after each wrong code the next try "
                    "must wait longer."
                )
            }
        )
    if not device.verify_token(token):
        raise ValidationError(
            {"token": _("The code is wrong or too old. Type the code the app shows now.")}
        )
    return device


def user_second_factor_reset(*, user: User, reset_by: User, now: datetime.datetime) -> int:
    """Removes the user's authenticator apps (a lost phone); they enrol again at the next login.

    Only an administrator, and not for themselves. The caller logs it in the admin's history.
    Returns how many apps were removed.
    """
    if not can_reset_second_factor(reset_by, user):
        raise PermissionDenied
    with transaction.atomic():
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
    logger.warning(
        "Administrator %s reset the second factor of user %s at %s",
        reset_by.pk,
        user.pk,
        now.isoformat(),
    )
    return removed
