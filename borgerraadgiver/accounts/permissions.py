"""Roles as named predicates."""

import functools
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.organisation.kept import kept_rows

# Set on the session when the identity provider asserted that it checked a second factor itself.
IDP_MFA_SESSION_KEY = "idp_mfa"


def is_active_advisor(user: User | AnonymousUser) -> bool:
    """An advisor whose account is active: registers, reads and edits every inquiry.

    The one definition of the role that opens personal data; every permission module and every
    `visible_to` QuerySet asks this.
    """
    return bool(user.is_authenticated and user.is_active and user.is_advisor)


def is_manager(user: User | AnonymousUser) -> bool:
    """A manager of a department, or of an area without departments: uses the portal.

    Asked on every staff page (the menu), so the assignments are kept per process beside the
    organisation's lists and read again when a manager comes or goes (`organisation.kept`): no
    query but the lists' token, which the page reads anyway."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.pk in _managers()


def _managers() -> frozenset[int]:
    """The ids of every user who manages a department or an area."""
    departments, areas = _managers_queries()
    return frozenset(
        (*kept_rows("managers.departments", departments), *kept_rows("managers.areas", areas))
    )


@functools.cache
def _managers_queries() -> tuple[QuerySet[Any], QuerySet[Any]]:
    """Built once a process (a query is cloned before it is read)."""
    return (
        User.managed_departments.through.objects.values_list("user_id", flat=True),
        User.managed_areas.through.objects.values_list("user_id", flat=True),
    )


# The same rule as a filter on users: whom to tell, whom to offer as an inquiry's advisor.
ACTIVE_ADVISOR = Q(is_advisor=True, is_active=True)


def is_administrator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_administrator or user.is_superuser)
    )


def can_read_statistics(user: User | AnonymousUser) -> bool:
    """Advisors and report readers see the aggregate figures (never a person)."""
    return is_active_advisor(user) or bool(
        user.is_authenticated and user.is_active and user.is_report_reader
    )


def must_use_second_factor(user: User | AnonymousUser) -> bool:
    """Advisors and administrators (who open personal data or the users) need a second factor."""
    return bool(
        settings.TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and (user.is_advisor or user.is_administrator or user.is_superuser)
    )


def has_second_factor(user: User) -> bool:
    """A confirmed authenticator app; whoever enrolled one is asked for it at every login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415 - django_otp models need the app registry

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_verified(request: HttpRequest) -> bool:
    """This session has passed a second factor: ours (TOTP) or the identity provider's."""
    user = request.user
    is_verified = getattr(user, "is_verified", None)
    return bool(
        (is_verified is not None and is_verified())
        or request.session.get(IDP_MFA_SESSION_KEY) is True
    )


def can_reset_second_factor(user: User | AnonymousUser, target: User) -> bool:
    """An administrator resets someone else's authenticator app (a lost phone), not their own;
    an advisor's only if an advisor too (`can_take_over_login`)."""
    return is_administrator(user) and user.pk != target.pk and can_take_over_login(user, target)


def can_take_over_login(user: User | AnonymousUser, target: User) -> bool:
    """Setting someone's password or resetting their authenticator app lets whoever does it log
    in as them: for an advisor's account, that is reaching personal data without the second
    person's approval the role needs. So only an administrator who is an advisor too does it
    for an advisor (or the server's operator, `reset_second_factor`)."""
    return not target.is_advisor or is_active_advisor(user)


def can_decide_role_grant(user: User | AnonymousUser, grant: RoleGrant) -> bool:
    """A second person approves a role that opens personal data: an active advisor who neither
    asked for the grant nor would receive it."""
    return is_active_advisor(user) and user.pk not in (grant.requested_by_id, grant.user_id)
