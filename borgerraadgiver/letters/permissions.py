"""Who may write the office's letters and their templates: the advisors, as with the cases."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.inquiries.permissions import can_handle_inquiries


def can_write_letters(user: User | AnonymousUser) -> bool:
    """Make, send, read and retry the letters on an inquiry, and maintain the templates."""
    return can_handle_inquiries(user)
