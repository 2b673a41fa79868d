"""Who may read and handle what citizens send through the web form."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor


def can_handle_submissions(user: User | AnonymousUser) -> bool:
    """Only the advisor reads the inbox: it holds personal data not yet registered anywhere."""
    return is_active_advisor(user)
