"""Who may do what with forwardings. Checked in the view and again in the service."""

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


def can_answer(user: User | AnonymousUser, forwarding: Forwarding) -> bool:
    return can_answer_status(forwarding) and manages(user, forwarding)


def can_follow_deadlines(user: User | AnonymousUser) -> bool:
    """Only an advisor follows what every department owes (the forwarding overview)."""
    return is_active_advisor(user)
