"""Roles as named predicates."""

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User


def is_administrator(user: User | AnonymousUser) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_administrator or user.is_superuser)
    )


class AdministratorOnlyAdmin:
    """A ModelAdmin mixin: the office's administrators maintain this, nobody else."""

    def has_module_permission(self, request):
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_add_permission(self, request, *args):
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None):
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_administrator(request.user)
