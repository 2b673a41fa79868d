"""Who may do what with recommendations. Checked in the view and again in the service."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.recommendations.models import Recommendation


def can_manage_recommendations(user: User | AnonymousUser) -> bool:
    """The advisor makes recommendations, follows them up and closes them, and alone sees the
    inquiries they rest on."""
    return is_active_advisor(user)


def is_addressee(user: User | AnonymousUser, recommendation: Recommendation) -> bool:
    """A manager of a department or area the recommendation is addressed to (a manager of a
    department in an addressed area included)."""
    if not isinstance(user, User) or not user.is_active:
        return False
    return (
        Recommendation.objects.addressed_to_managed_by(user).filter(pk=recommendation.pk).exists()
    )


def can_respond(user: User | AnonymousUser, recommendation: Recommendation) -> bool:
    """The addressed management answers while the recommendation is not closed."""
    return not recommendation.is_closed and is_addressee(user, recommendation)
