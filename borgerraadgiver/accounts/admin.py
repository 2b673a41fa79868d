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
    list_filter = ["is_advisor", "is_administrator", "is_report_reader", "is_active"]
    filter_horizontal = ["managed_departments"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Roles in the office"),
            {
                "fields": (
                    "is_advisor",
                    "is_administrator",
                    "is_report_reader",
                    "managed_departments",
                    "language",
                )
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # Django's own permission flags would let an administrator make anyone a superuser.
        hidden = {"is_superuser", "groups", "user_permissions"}
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        # Nobody gives themselves a role: the roles open personal data.
        if obj is not None and obj.pk == request.user.pk and not request.user.is_superuser:
            return [
                "is_staff",
                "is_advisor",
                "is_administrator",
                "is_report_reader",
                "managed_departments",
            ]
        return []
