"""The users and their second-factor devices as each process last read them (issue 18).

Every staff request loads its user (Django's `AuthenticationMiddleware`) and, past the second
factor, the device the session was verified with (django-otp's middleware): two queries a
request, about a tenth of a page's CPU, for rows that change when someone logs in, changes a
password, is deactivated, gets or loses a role, or sets up or loses an authenticator app. They
are kept per process as the organisation's lists are (`organisation.kept`): triggers write a
new token of their own group in the same transaction as every change of the users' and the
devices' tables (migrations accounts/0009 and /0010 on PostgreSQL, `organisation.kept_sqlite` on
SQLite), every request reads the tokens once anyway, and the rows are read again when the
users' and devices' token differs (a login does not make the organisation's lists read
again). So a user deactivated, a password changed or a device removed counts from the next
request, in every process, however it was written.

A request gets its own instance, made from the kept row as Django makes one from a query's row
(`Model.from_db`): what a request caches on it (permissions, the verified device) is its own.
"""

from contextlib import suppress
from typing import Any

from django.apps import apps
from django.contrib.auth.backends import ModelBackend
from django_otp.models import Device

from borgerraadgiver.accounts.models import User
from borgerraadgiver.organisation.kept import LISTS
from borgerraadgiver.organisation.kept_instances import kept_instance


def user_kept(pk: Any) -> User | None:
    """The user with this primary key as the database has it now, or None."""
    return kept_instance(User, pk)


def device_kept(persistent_id: str) -> Device | None:
    """As `Device.from_persistent_id` ("otp_totp.totpdevice/7"): the device, or None for an id
    of no device. A device model whose table has no trigger is read from the database."""
    with suppress(ValueError, LookupError):
        label, pk = persistent_id.rsplit("/", 1)
        model = apps.get_model(label)
        if not issubclass(model, Device):
            return None
        if model._meta.db_table in LISTS:
            return kept_instance(model, int(pk), columns=DEVICE_COLUMNS)
        return Device.from_persistent_id(persistent_id)
    return None


# What the middleware reads of a device (`OTPMiddleware._finalize_device`): a device's key and
# its other columns are not kept; the instance reads them from the database if asked.
DEVICE_COLUMNS = ("id", "user_id", "confirmed")


class KeptUserBackend(ModelBackend):
    """Django's `ModelBackend`, reading a logged-in request's user from what the process keeps."""

    def get_user(self, user_id: Any) -> User | None:
        user = user_kept(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
