from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import OidcIdentity, User
from borgerraadgiver.accounts.permissions import can_reset_second_factor, is_administrator
from borgerraadgiver.accounts.services import user_second_factor_reset
from borgerraadgiver.administration.permissions import AdministratorOnlyAdmin

# The authenticator apps' secrets stay out of the admin; an administrator resets a user's app
# with the action on the user list instead.
for device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)
# Roles are flags on the user, not Django's groups.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


class OidcIdentityInline(admin.TabularInline):
    """Which login at the identity provider the account is linked to, shown and never edited
    here: a link made or moved by a click would let someone take over an account
    (`borgerraadgiver link_oidc_identity` links deliberately, docs/security.md)."""

    model = OidcIdentity
    fields = ("issuer", "subject", "created_at")
    readonly_fields = ("issuer", "subject", "created_at")
    can_delete = False
    extra = 0

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


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
    filter_horizontal = ["managed_departments", "managed_areas"]
    actions = ["reset_second_factor"]
    inlines = [OidcIdentityInline]
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
                    "managed_areas",
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
                "managed_areas",
            ]
        return []

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """The users set up their authenticator app again at their next login; logged per user."""
        done = 0
        for user in queryset:
            if not can_reset_second_factor(request.user, user):
                self.message_user(
                    request,
                    _("Ask another administrator to reset your own two-factor authentication."),
                    messages.ERROR,
                )
                continue
            try:
                user_second_factor_reset(
                    user=user,
                    reset_by=request.user,  # type: ignore[arg-type]
                    now=timezone.now(),
                )
            except PermissionDenied:
                continue
            self.log_change(
                request, user, [{"changed": {"fields": ["two-factor authentication reset"]}}]
            )
            done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Two-factor authentication was reset for %(count)d user.",
                    "Two-factor authentication was reset for %(count)d users.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )


@admin.register(AccessAttempt)
class LockoutAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    """Failed logins; deleting a row lifts that lock at once (axes' own admin is turned off)."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username"]
    readonly_fields = [
        "username",
        "ip_address",
        "user_agent",
        "failures_since_start",
        "attempt_time",
        "path_info",
    ]
    fields = list(readonly_fields)

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
