"""Who may do what with forwardings. Checked in the view and again in the service."""

import datetime

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry


def can_forward(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    """Only an advisor records consent and forwards."""
    return is_active_advisor(user)


def manages(user: User | AnonymousUser, forwarding: Forwarding) -> bool:
    """A manager of the department the forwarding was sent to."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if forwarding.department_id is None:
        return user.managed_areas.filter(pk=forwarding.area_id).exists()
    return user.managed_departments.filter(pk=forwarding.department_id).exists()


def can_answer_status(forwarding: Forwarding) -> bool:
    """The department answers, or asks for a later date, while the case awaits its answer."""
    return forwarding.status == Forwarding.Status.SENT


# How long the department may withdraw a mistaken answer and send another: a day from sending.
ANSWER_WITHDRAWAL_WINDOW = datetime.timedelta(hours=24)


def can_withdraw_answer(
    user: User | AnonymousUser, forwarding: Forwarding, *, now: datetime.datetime
) -> bool:
    """The department may withdraw its answer in force within a day of sending it."""
    return (
        forwarding.status == Forwarding.Status.ANSWERED
        and forwarding.answered_at is not None
        and now - forwarding.answered_at <= ANSWER_WITHDRAWAL_WINDOW
        and manages(user, forwarding)
    )


def can_answer(user: User | AnonymousUser, forwarding: Forwarding) -> bool:
    return can_answer_status(forwarding) and manages(user, forwarding)


def can_follow_deadlines(user: User | AnonymousUser) -> bool:
    """Only an advisor follows what every department owes (the forwarding overview)."""
    return is_active_advisor(user)
