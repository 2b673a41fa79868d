"""Who may register activities. Checked in the view and again in the service."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor


def can_manage_activities(user: User | AnonymousUser) -> bool:
    """The advisor registers, edits and deletes the office's activities."""
    return is_active_advisor(user)
