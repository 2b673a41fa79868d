"""The office's one row is written by migrations' older model states too (a data migration, the
report-content migration test): every setting added later must have a database default, or such a
write fails on the new column."""

from django.db.models import NOT_PROVIDED

from borgerraadgiver.organisation.models import Office

# The settings of the office's first migrations, written by every model state.
FIRST_SETTINGS = {
    "id",
    "created_at",
    "updated_at",
    "name",
    "municipality",
    "case_number_pattern",
    "answer_weeks",
    "open_alert_days",
    "reminder_working_days",
    "report_period_start_month",
    "retention_years",
    "access_log_retention_months",
}


def test_every_later_office_setting_has_a_database_default():
    missing = [
        field.name
        for field in Office._meta.concrete_fields
        if field.name not in FIRST_SETTINGS and field.db_default is NOT_PROVIDED
    ]
    assert missing == []
