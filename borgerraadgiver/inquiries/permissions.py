"""Who may do what with inquiries. Checked in the view and again in the service."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor


def can_handle_inquiries(user: User | AnonymousUser) -> bool:
    """The advisors register, read and edit every inquiry; nobody else reads one here."""
    return is_active_advisor(user)
