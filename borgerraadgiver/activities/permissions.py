"""Who may register activities. Checked in the view and again in the service."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User


def can_manage_activities(user: User | AnonymousUser) -> bool:
    """The advisor registers, edits and deletes the office's activities."""
    return bool(user.is_authenticated and user.is_active and user.is_advisor)
