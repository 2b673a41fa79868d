"""The access log can be written, never changed; only the clean-up deletes, and only old rows."""

import datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry, AccessLogIsAppendOnly
from borgerraadgiver.audit.services import access_log_clean, access_log_cutoff, access_log_write
from borgerraadgiver.organisation.models import Office
from tests.factories import AdvisorFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db

NOW = at(datetime.date(2024, 8, 31), hour=12)


def _entry(when: datetime.datetime, **kwargs) -> AccessLogEntry:
    return access_log_write(user=None, event=AccessEvent.INQUIRY_VIEWED, now=when, **kwargs)


def test_a_saved_entry_cannot_be_saved_again():
    entry = _entry(NOW, inquiry_id=1)
    entry.detail = "altered"
    with pytest.raises(AccessLogIsAppendOnly):
        entry.save()


def test_an_entry_cannot_be_deleted_one_by_one_or_in_bulk():
    entry = _entry(NOW, inquiry_id=1)
    with pytest.raises(AccessLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.filter(pk=entry.pk).update(detail="altered")
    assert AccessLogEntry.objects.get().detail == ""


def test_the_database_refuses_an_update_behind_the_applications_back():
    entry = _entry(NOW, inquiry_id=1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_accesslogentry SET detail = 'altered' WHERE id = %s", [entry.pk]
        )
    assert AccessLogEntry.objects.get().detail == ""


def test_deleting_a_user_keeps_their_entries_without_the_user():
    advisor = AdvisorFactory()
    access_log_write(user=advisor, event=AccessEvent.INQUIRY_VIEWED, now=NOW, inquiry_id=7)
    advisor.delete()
    entry = AccessLogEntry.objects.get()
    assert (entry.user_id, entry.inquiry_id, entry.action) == (None, 7, "view")


def test_there_is_no_admin_page_to_change_the_log():
    from django.contrib import admin

    assert AccessLogEntry not in admin.site._registry


@pytest.mark.parametrize(
    ("now", "months", "cutoff"),
    [
        (datetime.datetime(2024, 8, 31, 12), 6, datetime.datetime(2024, 2, 29, 12)),
        (datetime.datetime(2024, 3, 15, 9), 6, datetime.datetime(2023, 9, 15, 9)),
        (datetime.datetime(2024, 1, 31, 0), 1, datetime.datetime(2023, 12, 31, 0)),
        (datetime.datetime(2025, 3, 31, 0), 1, datetime.datetime(2025, 2, 28, 0)),
        (datetime.datetime(2024, 5, 1, 0), 12, datetime.datetime(2023, 5, 1, 0)),
    ],
)
def test_the_cutoff_is_whole_calendar_months_back(now, months, cutoff):
    assert access_log_cutoff(now=now, months=months) == cutoff


def test_clean_up_deletes_only_entries_older_than_the_offices_months():
    office = Office.load()
    office.access_log_retention_months = 6
    office.save()
    old = _entry(at(datetime.date(2024, 2, 28)), inquiry_id=1, detail="Jensen")
    kept = _entry(at(datetime.date(2024, 3, 1)), inquiry_id=2)

    deleted = access_log_clean(now=NOW)

    assert deleted == 1
    remaining = list(AccessLogEntry.objects.order_by("at"))
    assert [e.pk for e in remaining[:1]] == [kept.pk]
    assert old.pk not in [e.pk for e in remaining]
    record = AccessLogEntry.objects.get(action=AccessLogEntry.Action.CLEAN_UP)
    assert record.at == NOW
    assert record.detail.startswith("1 entries before 2024-02-29")
    assert "Jensen" not in record.detail and record.inquiry_id is None


def test_clean_access_log_command_prints_the_count_and_honours_the_setting(capsys):
    office = Office.load()
    office.access_log_retention_months = 1
    office.save()
    _entry(at(datetime.date(2000, 1, 1)), inquiry_id=1)
    _entry(at(datetime.date(2001, 1, 1)), inquiry_id=1)
    call_command("clean_access_log")
    assert "2 access-log entries deleted." in capsys.readouterr().out
    assert list(AccessLogEntry.objects.values_list("action", flat=True)) == ["clean_up"]


def test_the_scheduler_cleans_the_log_too(capsys):
    _entry(at(datetime.date(2000, 1, 1)), inquiry_id=1)
    call_command("scheduler", "--once")
    assert "access log: 1 old entries deleted" in capsys.readouterr().out
    assert not AccessLogEntry.objects.filter(action="view").exists()
