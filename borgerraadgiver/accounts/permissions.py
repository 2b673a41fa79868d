"""Roles as named predicates."""

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from borgerraadgiver.accounts.models import User


def is_administrator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_administrator or user.is_superuser)
    )


def can_read_statistics(user: User | AnonymousUser) -> bool:
    """Advisors and report readers see the aggregate figures (never a person)."""
    return bool(
        user.is_authenticated and user.is_active and (user.is_advisor or user.is_report_reader)
    )


class AdministratorOnlyAdmin:
    """A ModelAdmin mixin: the office's administrators maintain this, nobody else."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_administrator(request.user)
