"""The office's closing days are kept per process with the organisation's lists (issue 18): read
again exactly when they change, whoever changes them, and never a change rolled back."""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.forwarding.deadlines import answer_deadline
from borgerraadgiver.organisation import kept
from borgerraadgiver.organisation.models import ClosingDay

pytestmark = pytest.mark.django_db

GRUNDLOVSDAG = datetime.date(2024, 6, 5)
JULEAFTEN = datetime.date(2024, 12, 24)


def _add_behind_the_apps_back(day: datetime.date, name: str) -> None:
    """As another process or a database administrator would: no signal, no model."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO organisation_closingday (created_at, updated_at, day, name)"
            " VALUES (%s, %s, %s, %s)",
            [datetime.datetime.now(datetime.UTC)] * 2 + [day, name],
        )


def test_the_closing_days_are_read_once_until_the_table_changes():
    ClosingDay.objects.create(day=GRUNDLOVSDAG, name="Grundlovsdag")
    assert ClosingDay.objects.as_set() == {GRUNDLOVSDAG}
    with CaptureQueriesContext(connection) as queries:
        assert ClosingDay.objects.as_set() == {GRUNDLOVSDAG}
    assert len(queries) == 1  # the token only
    _add_behind_the_apps_back(JULEAFTEN, "Juleaftensdag")
    assert ClosingDay.objects.as_set() == {GRUNDLOVSDAG, JULEAFTEN}


def test_a_closing_day_added_and_rolled_back_is_not_kept():
    assert ClosingDay.objects.as_set() == frozenset()
    with pytest.raises(RuntimeError), transaction.atomic():
        _add_behind_the_apps_back(JULEAFTEN, "Juleaftensdag")
        assert ClosingDay.objects.as_set() == {JULEAFTEN}  # the transaction sees its own change
        raise RuntimeError
    assert ClosingDay.objects.as_set() == frozenset()


def test_a_closing_day_moves_the_deadline_from_the_next_question_on():
    # Sent Friday 30 May 2025, three weeks: Friday 20 June, a working day.
    sent = datetime.date(2025, 5, 30)
    closing = ClosingDay.objects.as_set
    assert answer_deadline(sent=sent, weeks=3, closing_days=closing()) == datetime.date(2025, 6, 20)
    ClosingDay.objects.create(day=datetime.date(2025, 6, 20), name="Lukkedag")
    assert answer_deadline(sent=sent, weeks=3, closing_days=closing()) == datetime.date(2025, 6, 23)
    ClosingDay.objects.filter(day=datetime.date(2025, 6, 20)).update(day=datetime.date(2025, 6, 19))
    assert answer_deadline(sent=sent, weeks=3, closing_days=closing()) == datetime.date(2025, 6, 20)


def test_a_filtered_set_is_read_from_the_database_and_not_kept():
    ClosingDay.objects.create(day=GRUNDLOVSDAG, name="Grundlovsdag")
    ClosingDay.objects.create(day=JULEAFTEN, name="Juleaftensdag")
    assert ClosingDay.objects.as_set() == {GRUNDLOVSDAG, JULEAFTEN}
    with CaptureQueriesContext(connection) as queries:
        assert ClosingDay.objects.filter(day__month=12).as_set() == {JULEAFTEN}
    assert len(queries) == 1
    assert "organisation_closingday" in queries[0]["sql"]
    assert kept.TOKEN_OF["organisation_closingday"] == kept.ORGANISATION_TOKEN


def test_a_slice_or_a_locking_read_is_read_from_the_database_and_leaves_the_whole_set_kept():
    ClosingDay.objects.create(day=GRUNDLOVSDAG, name="Grundlovsdag")
    ClosingDay.objects.create(day=JULEAFTEN, name="Juleaftensdag")
    assert len(ClosingDay.objects.order_by("day")[:1].as_set()) == 1
    assert ClosingDay.objects.as_set() == {GRUNDLOVSDAG, JULEAFTEN}
    assert len(ClosingDay.objects.order_by("day")[:1].as_set()) == 1
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert ClosingDay.objects.select_for_update().as_set() == {GRUNDLOVSDAG, JULEAFTEN}
    assert any("organisation_closingday" in query["sql"] for query in queries)
    both = (
        ClosingDay.objects.filter(day=GRUNDLOVSDAG).order_by().union(ClosingDay.objects.order_by())
    )
    assert both.as_set() == {GRUNDLOVSDAG, JULEAFTEN}
