"""Who may ask for background work: a user with a role in the office. Each kind of work checks
its own permission first (an import: an administrator; a report document: an advisor)."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import (
    can_read_statistics,
    is_active_advisor,
    is_administrator,
)


def can_start_job(user: User | AnonymousUser) -> bool:
    return is_active_advisor(user) or is_administrator(user) or can_read_statistics(user)


def can_see_job(user: User | AnonymousUser, owner_id: int) -> bool:
    """Only who asked for it: the work's result may hold what only they may read."""
    return bool(user.is_authenticated and user.is_active and user.pk == owner_id)
