from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import AdministratorOnlyAdmin


@admin.register(User)
class UserAdmin(AdministratorOnlyAdmin, DjangoUserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "is_advisor",
        "is_administrator",
        "is_active",
    ]
    list_filter = ["is_advisor", "is_administrator", "is_active"]
    filter_horizontal = ["managed_departments"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Roles in the office"),
            {"fields": ("is_advisor", "is_administrator", "managed_departments", "language")},
        ),
    )
