"""Logging a test client in the way the app requires: password and, where needed, the TOTP code.

`verified_login` gives the user an authenticator app (if they have none) and marks the session as
having passed it, so that advisors and administrators reach their pages as after a real login.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.middleware import LAST_SEEN_SESSION_KEY
from borgerraadgiver.accounts.models import User


def totp_device_for(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test app", confirmed=True)


def code_now(device: TOTPDevice) -> str:
    """The code the user's authenticator app shows now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def verified_login(client: Client, user: User) -> Client:
    """Log the client in as `user`, past the second factor when the user's role needs one."""
    client.force_login(user)
    session = client.session
    # As if the user had just made a request: the first page of the test does not write it.
    session[LAST_SEEN_SESSION_KEY] = int(time.time())
    if user.is_advisor or user.is_administrator or user.is_superuser:
        session[DEVICE_ID_SESSION_KEY] = totp_device_for(user).persistent_id
    session.save()
    return client


def verified_client(user: User) -> Client:
    return verified_login(Client(), user)
