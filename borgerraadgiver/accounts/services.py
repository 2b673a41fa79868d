import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_reset_second_factor, has_second_factor
from borgerraadgiver.accounts.signals import second_factor_reset
from borgerraadgiver.organisation.kept import lists_lock

logger = logging.getLogger(__name__)

DEVICE_NAME = "authenticator"
BACKUP_CODE_COUNT = 10


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
        # Before the device's row: its change takes it (organisation.kept).
        lists_lock()
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


def totp_token_check(*, user: User, token: str) -> Device:
    """The user's confirmed app if the code is right, or their backup codes if it is one of
    them (a backup code works once); wrong codes slow further tries down."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        raise PermissionDenied
    if not (len(token) == 6 and token.isdigit()):
        backup = StaticDevice.objects.filter(user=user, confirmed=True).first()
        if backup is not None and backup.verify_token(token):
            logger.info("User %s logged in with a backup code", user.pk)
            return backup
        raise ValidationError({"token": _("That backup code is wrong or has been used.")})
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


def backup_codes_create(*, user: User) -> list[str]:
    """New one-time backup codes for a lost phone; the old ones stop working.

    Only for a user with an authenticator app (the caller has passed it in this session).
    The codes are shown once and kept only as the plain tokens django-otp compares against.
    """
    if not has_second_factor(user):
        raise PermissionDenied
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    logger.info("User %s made new backup codes", user.pk)
    return codes


def backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def user_second_factor_reset(*, user: User, reset_by: User | None, now: datetime.datetime) -> int:
    """Removes the user's authenticator apps and backup codes (a lost phone); they set up an app
    again at the next login.

    Only an administrator, and not for themselves; `reset_by=None` is the server's operator
    (`borgerraadgiver reset_second_factor`, for the last administrator). The admin's caller also
    writes the admin history. Returns how many apps were removed.
    """
    if reset_by is not None and not can_reset_second_factor(reset_by, user):
        raise PermissionDenied
    with transaction.atomic():
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        second_factor_reset.send(sender=User, user=user)
    logger.warning(
        "%s reset the second factor of user %s at %s",
        f"Administrator {reset_by.pk}" if reset_by else "The server's operator",
        user.pk,
        now.isoformat(),
    )
    return removed
