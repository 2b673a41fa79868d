"""Who may ask a citizen for their verdict and see the requests to be contacted again."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor


def can_ask_for_feedback(user: User | AnonymousUser) -> bool:
    """Only the advisor: the invitation goes to the citizen of an inquiry."""
    return is_active_advisor(user)
