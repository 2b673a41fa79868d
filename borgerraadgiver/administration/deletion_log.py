"""The deletion log, read-only for administrators: what retention removed, when, and why.

It holds no personal data (case numbers, dates, categories and counts), so administrators who
are not advisors may read it. Nobody can add, change or delete a row here.
"""

from django.contrib import admin
from django.http import HttpRequest

from borgerraadgiver.administration.permissions import AdministratorOnlyAdmin
from borgerraadgiver.privacy.models import DeletionLogEntry


@admin.register(DeletionLogEntry)
class DeletionLogEntryAdmin(AdministratorOnlyAdmin, admin.ModelAdmin):
    list_display = [
        "case_number",
        "removed_at",
        "closed_date",
        "retention_years",
        "person_deleted",
        "archive_package",
    ]
    list_filter = ["retention_years", "person_deleted"]
    search_fields = ["case_number"]
    date_hierarchy = "removed_at"
    readonly_fields = [field.name for field in DeletionLogEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
