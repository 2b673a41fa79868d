"""Who may do what with inquiries. Checked in the view and again in the service."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.inquiries.models import Inquiry


def can_register_inquiry(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_advisor)


def can_view_inquiry(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_advisor)


def can_edit_inquiry(user: User | AnonymousUser, inquiry: Inquiry) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_advisor)
