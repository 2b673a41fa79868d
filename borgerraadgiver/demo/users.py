"""The demo users and their passwords: the one place the README's credentials come from.

These passwords are public. They exist so that a fresh `make run` can be tried at once; a real
installation creates its own users and never runs the demo.
"""

import base64
from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import User


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    is_advisor: bool = False
    is_administrator: bool = False
    is_report_reader: bool = False
    is_staff: bool = False


ADVISOR = DemoUser(
    username="raadgiver",
    password="demo-raadgiver-2024",  # noqa: S106 - published demo credentials
    first_name="Rikke",
    last_name="Rådgiver",
    is_advisor=True,
)
ADMINISTRATOR = DemoUser(
    username="admin",
    password="demo-admin-2024",  # noqa: S106 - published demo credentials
    first_name="Anders",
    last_name="Administrator",
    is_administrator=True,
    is_staff=True,
)

# A second advisor: a case example must be approved by another advisor than its writer.
SECOND_ADVISOR = DemoUser(
    username="raadgiver2",
    password="demo-raadgiver-2024",  # noqa: S106 - published demo credentials
    first_name="Bo",
    last_name="Bisidder",
    is_advisor=True,
)
REPORT_READER = DemoUser(
    username="laeser",
    password="demo-laeser-2024",  # noqa: S106 - published demo credentials
    first_name="Lise",
    last_name="Læser",
    is_report_reader=True,
)

DEMO_USERS = (ADVISOR, SECOND_ADVISOR, ADMINISTRATOR, REPORT_READER)

# The advisors' and the administrator's authenticator app (TOTP, two-factor login): this published
# key, in base32 as apps take it. `borgerraadgiver demo_code` prints the code it shows now.
DEMO_TOTP_SECRET = "BORGERRAADGIVERDEMOHEDENSTEDKOMM"  # noqa: S105 - published demo credentials

# Every department's demo manager ("leder-børn-og-familie" → "leder-boern-og-familie") logs in
# with this password; the README names two of them.
MANAGER_PASSWORD = "demo-leder-2024"  # noqa: S105 - published demo credentials


def demo_user_load(spec: DemoUser) -> User:
    """Create the user, or put an existing one back to the demo roles and password."""
    user, _created = User.objects.get_or_create(username=spec.username)
    user.first_name = spec.first_name
    user.last_name = spec.last_name
    user.is_advisor = spec.is_advisor
    user.is_administrator = spec.is_administrator
    user.is_report_reader = spec.is_report_reader
    user.is_staff = spec.is_staff
    user.is_active = True
    user.set_password(spec.password)
    user.save()
    if spec.is_advisor or spec.is_administrator:
        TOTPDevice.objects.filter(user=user).delete()
        TOTPDevice.objects.create(
            user=user,
            name="demo",
            key=base64.b32decode(DEMO_TOTP_SECRET).hex(),
            confirmed=True,
        )
    return user


def demo_users_load() -> dict[str, User]:
    return {spec.username: demo_user_load(spec) for spec in DEMO_USERS}
