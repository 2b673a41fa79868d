"""Who may use the admin: the office's administrators, nobody else."""

from django.http import HttpRequest

from borgerraadgiver.accounts.permissions import is_administrator


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
