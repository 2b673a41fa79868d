"""The administrator maintains the organisation and the lists in Django's admin."""

from django.contrib import admin

from borgerraadgiver.accounts.permissions import is_administrator
from borgerraadgiver.administration.permissions import AdministratorOnlyAdmin
from borgerraadgiver.organisation.models import (
    Action,
    ActivityKind,
    Area,
    ClosingDay,
    Department,
    HandlingType,
    Office,
    Reason,
    ReferralBody,
    ReferralSource,
)


class DepartmentInline(admin.TabularInline):
    model = Department
    fk_name = "area"
    extra = 0
    fields = ["name", "valid_from", "valid_to", "successor", "sort_order"]


@admin.register(Area)
class AreaAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "valid_from", "valid_to", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [DepartmentInline]


@admin.register(Department)
class DepartmentAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "area", "valid_from", "valid_to", "successor"]
    list_filter = ["area"]
    search_fields = ["name"]
    autocomplete_fields = ["successor"]


class ListEntryAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "is_active", "sort_order"]
    list_filter = ["is_active"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["name"]


admin.site.register(Reason, ListEntryAdmin)
admin.site.register(Action, ListEntryAdmin)
admin.site.register(ReferralBody, ListEntryAdmin)
admin.site.register(ReferralSource, ListEntryAdmin)
admin.site.register(ActivityKind, ListEntryAdmin)


@admin.register(HandlingType)
class HandlingTypeAdmin(ListEntryAdmin):
    list_display = ["name", "kind", "is_active", "sort_order"]
    list_filter = ["kind", "is_active"]


@admin.register(Office)
class OfficeAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "municipality", "case_number_pattern", "answer_weeks"]

    def has_add_permission(self, request, *args):  # one row only
        return is_administrator(request.user) and not Office.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClosingDay)
class ClosingDayAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = ["day", "name"]
    date_hierarchy = "day"
