"""Who may read and publish the report's figures."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_read_statistics, is_active_advisor

__all__ = ["can_publish_report", "can_read_statistics"]


def can_publish_report(user: User | AnonymousUser) -> bool:
    """Only the advisor freezes (and withdraws) a report; report readers only read it."""
    return is_active_advisor(user)
