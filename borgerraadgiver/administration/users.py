from typing import Any

from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import LoginLockout, OidcIdentity, RoleGrant, User
from borgerraadgiver.accounts.permissions import (
    can_reset_second_factor,
    can_take_over_login,
    is_administrator,
)
from borgerraadgiver.accounts.services import user_second_factor_reset
from borgerraadgiver.administration.permissions import AdministratorOnlyAdmin
from borgerraadgiver.privacy.role_grants import advisor_role_remove, advisor_role_request

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
                    "advisor_role_awaiting",
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
                "advisor_role_awaiting",
                "is_staff",
                "is_advisor",
                "is_administrator",
                "is_report_reader",
                "managed_departments",
                "managed_areas",
            ]
        return ["advisor_role_awaiting"]

    @admin.display(description=_("advisor role awaiting approval"))
    def advisor_role_awaiting(self, obj: User | None) -> object:
        grant = (
            RoleGrant.objects.filter(
                user=obj, role=RoleGrant.Role.ADVISOR, decision=RoleGrant.Decision.PENDING
            )
            .select_related("requested_by")
            .first()
            if obj is not None and obj.pk is not None
            else None
        )
        if grant is None:
            return _("No")
        return _(
            "Yes: asked by %(requester)s on %(date)s; another advisor approves it on the "
            "advisors' Role requests page."
        ) % {
            "requester": grant.requested_by or _("the server's operator"),
            "date": date_format(timezone.localtime(grant.requested_at), "SHORT_DATETIME_FORMAT"),
        }

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        """Ticking "advisor" asks for the role (another advisor approves it); clearing it takes
        the role away at once. Both are written to the access log."""
        was_advisor = change and User.objects.filter(pk=obj.pk, is_advisor=True).exists()
        # Deactivating an advisor ends the role: making the account active again must not give
        # back access to personal data without a new approval.
        wants_advisor = obj.is_advisor and obj.is_active
        # The flag changes only through the services below.
        obj.is_advisor = was_advisor
        super().save_model(request, obj, form, change)
        now = timezone.now()
        if wants_advisor and not was_advisor:
            advisor_role_request(user=obj, requested_by=request.user, now=now)  # type: ignore[arg-type]
            self.message_user(
                request,
                _(
                    "%(user)s becomes an advisor when another advisor approves it (the "
                    "advisors' Role requests page): the role opens personal data."
                )
                % {"user": obj},
                messages.WARNING,
            )
        elif was_advisor and not wants_advisor:
            advisor_role_remove(user=obj, removed_by=request.user, now=now)  # type: ignore[arg-type]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """The admin's "set password" page: not for an advisor's account unless by an advisor."""
        target = self.get_object(request, id)
        if target is not None and not can_take_over_login(request.user, target):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description=_("Reset two-factor authentication (lost phone)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        """The users set up their authenticator app again at their next login; logged per user."""
        done = 0
        for user in queryset:
            if not can_reset_second_factor(request.user, user):
                self.message_user(
                    request,
                    _("Ask another administrator to reset your own two-factor authentication.")
                    if user.pk == request.user.pk
                    else _(
                        "%(user)s is an advisor: an administrator who is an advisor too resets "
                        "their two-factor authentication, or the server's operator does."
                    )
                    % {"user": user},
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


@admin.register(LoginLockout)
class LockoutAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    """Failed logins; deleting a row lifts that lock at once (axes' own admin is turned off).

    The columns are methods so that their headings are the office's words: axes' fields are
    named in English only."""

    list_display = ["user_name", "address", "failures", "last_attempt"]
    search_fields = ["username"]
    readonly_fields = ["user_name", "address", "browser", "failures", "last_attempt", "path"]
    fields = list(readonly_fields)

    @admin.display(description=_("user name"), ordering="username")
    def user_name(self, attempt: AccessAttempt) -> str:
        return attempt.username or ""

    @admin.display(description=_("IP address"), ordering="ip_address")
    def address(self, attempt: AccessAttempt) -> str:
        return attempt.ip_address or ""

    @admin.display(description=_("browser"))
    def browser(self, attempt: AccessAttempt) -> str:
        return attempt.user_agent

    @admin.display(description=_("failed logins"), ordering="failures_since_start")
    def failures(self, attempt: AccessAttempt) -> int:
        return attempt.failures_since_start

    @admin.display(description=_("last attempt"), ordering="attempt_time")
    def last_attempt(self, attempt: AccessAttempt) -> str:
        return date_format(timezone.localtime(attempt.attempt_time), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("address tried"))
    def path(self, attempt: AccessAttempt) -> str:
        return attempt.path_info

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
