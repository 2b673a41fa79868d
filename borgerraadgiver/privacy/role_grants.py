"""Who may open personal data: the advisor role is given only with a second person's approval.

An administrator ticking "advisor" on a user asks for the role (`advisor_role_request`); another
active advisor, neither the one who asked nor the user, approves or refuses it
(`advisor_role_decide`). Removing the role takes effect at once. The very first advisor of an
installation is made by the server's operator (`advisor_role_grant_by_operator`). Every step is
written to the access log with the user name of whom it concerns.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.accounts.permissions import (
    ACTIVE_ADVISOR,
    can_decide_role_grant,
    is_active_advisor,
    is_administrator,
)
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.organisation.kept import lists_lock

ALREADY_DECIDED = "already_decided"
ADVISOR_EXISTS = "advisor_exists"


def advisor_role_request(
    *, user: User, requested_by: User, now: datetime.datetime
) -> RoleGrant | None:
    """Ask for `user` to become an advisor; the flag stays off until another advisor approves.

    Only an administrator asks. Asking again while a request is open returns that request and
    logs nothing new; a user who is an advisor already needs nothing (None).
    """
    if not is_administrator(requested_by):
        raise PermissionDenied
    if user.is_advisor:
        return None
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            user=user,
            role=RoleGrant.Role.ADVISOR,
            decision=RoleGrant.Decision.PENDING,
            defaults={"requested_by": requested_by, "requested_at": now},
        )
        if created:
            access_log_write(
                user=requested_by,
                event=AccessEvent.ADVISOR_ROLE_REQUESTED,
                now=now,
                detail=user.username,
            )
    return grant


def advisor_role_decide(
    *, grant: RoleGrant, decided_by: User, approve: bool, now: datetime.datetime
) -> RoleGrant:
    """Approve (the user becomes an advisor) or refuse an open request for the advisor role.

    Only an active advisor who neither asked for it nor would receive it; a request decided
    already (by a colleague a moment ago) is refused with ALREADY_DECIDED.
    """
    if not can_decide_role_grant(decided_by, grant):
        raise PermissionDenied
    with transaction.atomic():
        # Before the grant's and the user's rows: the user's change takes it (organisation.kept).
        lists_lock()
        grant = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
        if grant.decision != RoleGrant.Decision.PENDING:
            raise ValidationError(
                _("Another advisor has already decided this request."), code=ALREADY_DECIDED
            )
        grant.decision = RoleGrant.Decision.APPROVED if approve else RoleGrant.Decision.REFUSED
        grant.decided_by = decided_by
        grant.decided_at = now
        grant.save(update_fields=["decision", "decided_by", "decided_at"])
        if approve:
            grant.user.is_advisor = True
            grant.user.save(update_fields=["is_advisor"])
        access_log_write(
            user=decided_by,
            event=AccessEvent.ADVISOR_ROLE_APPROVED
            if approve
            else AccessEvent.ADVISOR_ROLE_REFUSED,
            now=now,
            detail=grant.user.username,
        )
    return grant


def advisor_role_remove(*, user: User, removed_by: User, now: datetime.datetime) -> None:
    """Take the advisor role from `user` at once (removing access never waits for anyone).

    Only an administrator; an open request for the role is refused with it, so no later
    approval gives back what was just taken.
    """
    if not is_administrator(removed_by):
        raise PermissionDenied
    with transaction.atomic():
        was_advisor = user.is_advisor
        user.is_advisor = False
        user.save(update_fields=["is_advisor"])
        RoleGrant.objects.filter(
            user=user, role=RoleGrant.Role.ADVISOR, decision=RoleGrant.Decision.PENDING
        ).update(decision=RoleGrant.Decision.REFUSED, decided_by=removed_by, decided_at=now)
        if was_advisor:
            access_log_write(
                user=removed_by,
                event=AccessEvent.ADVISOR_ROLE_REMOVED,
                now=now,
                detail=user.username,
            )


def advisor_role_grant_by_operator(*, user: User, now: datetime.datetime) -> RoleGrant:
    """The server's operator makes the installation's first advisor (no active advisor exists
    to approve one); logged without a user, as the operator acts outside the application.

    Refused with ADVISOR_EXISTS when an active advisor exists: then an administrator asks in
    the admin and that advisor approves.
    """
    with transaction.atomic():
        if User.objects.filter(ACTIVE_ADVISOR).exists():
            raise ValidationError(
                _(
                    "An active advisor exists: an administrator asks for the role in the admin "
                    "and another advisor approves it."
                ),
                code=ADVISOR_EXISTS,
            )
        RoleGrant.objects.filter(
            user=user, role=RoleGrant.Role.ADVISOR, decision=RoleGrant.Decision.PENDING
        ).delete()
        grant = RoleGrant.objects.create(
            user=user,
            role=RoleGrant.Role.ADVISOR,
            requested_by=None,
            requested_at=now,
            decided_at=now,
            decision=RoleGrant.Decision.APPROVED,
        )
        user.is_advisor = True
        user.save(update_fields=["is_advisor"])
        access_log_write(
            user=None,
            event=AccessEvent.ADVISOR_ROLE_GRANTED_BY_OPERATOR,
            now=now,
            detail=user.username,
        )
    return grant


def role_grants_open(*, user: User) -> list[RoleGrant]:
    """The open requests for the advisor role, oldest first, for an active advisor (others see
    none); each says whether this advisor may decide it (`may_decide`)."""
    if not is_active_advisor(user):
        raise PermissionDenied
    grants = list(
        RoleGrant.objects.filter(decision=RoleGrant.Decision.PENDING).select_related(
            "user", "requested_by"
        )
    )
    for grant in grants:
        grant.may_decide = can_decide_role_grant(user, grant)  # type: ignore[attr-defined]
    return grants


def role_grants_awaiting_count(*, user: User) -> int:
    """How many open requests this advisor may decide (the front page's notice). One query."""
    if not is_active_advisor(user):
        return 0
    return (
        RoleGrant.objects.filter(decision=RoleGrant.Decision.PENDING)
        .exclude(requested_by=user)
        .exclude(user=user)
        .count()
    )
