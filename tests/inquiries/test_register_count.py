"""The register's number of inquiries (issue 18): the unfiltered list shows how many inquiries
there are without PostgreSQL counting every row, and the number is always the register's, set
right by the hourly check if a write went past the triggers.

On PostgreSQL triggers keep the number as rows of +n/−n (migration inquiries/0013); these tests
change the register every way the app and a database administrator can, fold the rows, and
compare the number with a real count. A list with any condition, and every list on SQLite, is
counted by the database. That writers never wait for one another over the number is tested in
`tests/imports/test_import_beside_registration.py`.
"""

import datetime
from importlib import import_module

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.inquiries import register_count
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.register_count import (
    count_of,
    is_whole_register,
    register_count_repair,
    register_total,
)
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_list, inquiry_page_of_ids
from tests.factories import (
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps the number; SQLite counts"
)


def _real_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM inquiries_inquiry")
        return int(cursor.fetchone()[0])


def _kept_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM inquiries_registercount")
        return int(cursor.fetchone()[0])


def _inquiry_counts(queries: CaptureQueriesContext) -> list[str]:
    return [
        query["sql"]
        for query in queries.captured_queries
        if "COUNT(" in query["sql"].upper() and "inquiries_inquiry" in query["sql"]
    ]


@postgresql_only
def test_the_number_follows_every_way_the_register_changes():
    start = register_total()
    assert start == _real_count()

    InquiryFactory.create_batch(3)
    assert register_total() == _real_count() == start + 3

    # bulk_create: one statement, many rows (an import writes this way).
    template = InquiryFactory()
    Inquiry.objects.bulk_create(
        [
            InquiryFactory.build(
                case_number=f"{template.case_number}-{number}",
                person=template.person,
                department=template.department,
                handling_type=template.handling_type,
            )
            for number in range(5)
        ]
    )
    assert register_total() == _real_count() == start + 9

    template.delete()
    Inquiry.objects.filter(case_number__startswith=f"{template.case_number}-").delete()
    assert register_total() == _real_count() == start + 3

    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; check them now, as TRUNCATE needs.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE inquiries_inquiry CASCADE")
    assert register_total() == _real_count() == 0

    InquiryFactory()
    assert register_total() == _real_count() == 1


@postgresql_only
def test_the_rows_are_folded_into_one_and_the_number_stays(monkeypatch):
    InquiryFactory.create_batch(4)
    Inquiry.objects.filter(pk=Inquiry.objects.first().pk).delete()
    assert _kept_rows() > 1
    total = _real_count()
    monkeypatch.setattr(register_count, "FOLD_AFTER", 1)
    assert register_total() == total  # the sum read before the fold
    assert _kept_rows() == 1
    assert register_total() == total
    InquiryFactory()
    assert register_total() == _real_count() == total + 1


@postgresql_only
def test_a_write_past_the_triggers_is_set_right_by_the_hourly_check():
    InquiryFactory.create_batch(2)
    assert register_count_repair() == 0
    trigger = "inquiries_inquiry {} TRIGGER inquiries_registercount_insert"
    with connection.cursor() as cursor:
        # As a database administrator could: a write the triggers do not see.
        # ALTER TABLE wants no foreign-key check pending: check each at once.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE " + trigger.format("DISABLE"))
        InquiryFactory.create_batch(3)
        cursor.execute("ALTER TABLE " + trigger.format("ENABLE"))
    assert register_total() == _real_count() - 3
    assert register_count_repair() == 3
    assert register_total() == _real_count() and _kept_rows() == 1
    assert register_count_repair() == 0


@postgresql_only
def test_the_migration_runs_again_over_what_restoring_an_older_backup_leaves():
    migration = import_module("borgerraadgiver.inquiries.migrations.0013_register_count")
    InquiryFactory.create_batch(2)
    with connection.cursor() as cursor:
        # A backup from before the migration restored with --clean: the inquiries' table (and
        # its triggers) replaced, the number's table and functions left as they were.
        for event in ("insert", "delete", "truncate"):
            cursor.execute(f"DROP TRIGGER inquiries_registercount_{event} ON inquiries_inquiry")
        cursor.execute("INSERT INTO inquiries_registercount (change) VALUES (40)")
    InquiryFactory()
    with connection.schema_editor() as editor:
        migration.create(None, editor)
    assert register_total() == _real_count() == 3
    InquiryFactory()
    assert register_total() == _real_count() == 4


@postgresql_only
def test_a_change_rolled_back_leaves_the_number_as_it_was():
    from django.db import transaction

    InquiryFactory.create_batch(2)
    before = register_total()
    with pytest.raises(RuntimeError), transaction.atomic():
        InquiryFactory.create_batch(4)
        assert register_total() == before + 4  # the transaction sees its own rows counted
        raise RuntimeError
    assert register_total() == _real_count() == before


def test_the_unfiltered_list_shows_the_registers_number(advisor_client):
    InquiryFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        response = advisor_client.get(reverse("advisor:inquiry_list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Inquiry.objects.count() == 3
    # PostgreSQL reads its kept number instead of counting every row; SQLite counts.
    assert bool(_inquiry_counts(queries)) == (connection.vendor != "postgresql")


def test_a_filtered_list_is_counted_by_the_database(advisor_client):
    area = AreaFactory()
    InquiryFactory.create_batch(2, area=area, department=DepartmentFactory(area=area))
    InquiryFactory()
    with CaptureQueriesContext(connection) as queries:
        response = advisor_client.get(reverse("advisor:inquiry_list"), {"area": area.pk})
    assert response.context["page"].paginator.count == 2
    assert _inquiry_counts(queries)


def test_every_filter_makes_the_list_less_than_the_whole_register(advisor):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    reason = ReasonFactory()
    inquiry.reasons.add(reason)
    everything = inquiry_list(user=advisor, filters=InquiryFilters())
    assert is_whole_register(everything.values_list("pk", flat=True))
    for filters in [
        InquiryFilters(search="x"),
        InquiryFilters(year=2024),
        InquiryFilters(area_id=inquiry.area_id),
        InquiryFilters(department_id=inquiry.department_id),
        InquiryFilters(reason_id=reason.pk),
        InquiryFilters(handling_type_id=HandlingTypeFactory().pk),
        InquiryFilters(status=Inquiry.Status.OPEN),
    ]:
        assert not is_whole_register(inquiry_list(user=advisor, filters=filters)), filters
    assert not is_whole_register(everything[:10])
    # Shapes that repeat or group inquiries: a related list's column, a grouping, another table.
    assert not is_whole_register(everything.values_list("contacts__id", flat=True))
    assert not is_whole_register(everything.annotate(contacts_count=Count("contacts")))
    assert not is_whole_register(everything.extra(tables=["organisation_area"]))
    assert not is_whole_register(everything.distinct())
    assert not is_whole_register(Inquiry.objects.none())


def test_someone_who_may_see_no_inquiry_is_shown_none(advisor):
    InquiryFactory.create_batch(2)
    nobody = UserFactory()
    page = inquiry_page_of_ids(user=nobody, filters=InquiryFilters(), number=1, size=50)
    assert page.paginator.count == 0
    assert count_of(Inquiry.objects.visible_to(nobody)) == 0
    assert count_of(Inquiry.objects.visible_to(advisor)) == 2


def test_the_count_matches_the_rows_paged_through(advisor):
    InquiryFactory.create_batch(7, received_date=timezone.localdate())
    page = inquiry_page_of_ids(user=advisor, filters=InquiryFilters(), number=4, size=2)
    assert page.paginator.count == 7
    assert page.paginator.num_pages == 4
    assert len(page.object_list) == 1
