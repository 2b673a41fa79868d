"""Who may use which part of the API: the same predicates as the pages, as DRF permissions."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_read_statistics, is_active_advisor, is_manager
from borgerraadgiver.inquiries.permissions import can_handle_inquiries


def can_see_forwardings(user: User | AnonymousUser) -> bool:
    """Advisors see every forwarding; a department manager those sent to their departments."""
    return is_active_advisor(user) or is_manager(user)


def can_use_api(user: User | AnonymousUser) -> bool:
    """A user for whom some endpoint answers: advisor, department manager or report reader."""
    return can_handle_inquiries(user) or can_read_statistics(user) or can_see_forwardings(user)


class IsAdvisor(BasePermission):
    """The inquiry register: advisors only, as on the pages."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_handle_inquiries(request.user)


class CanSeeForwardings(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return can_see_forwardings(request.user)


class CanReadStatistics(BasePermission):
    """Aggregates only: advisors and report readers."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_read_statistics(request.user)
