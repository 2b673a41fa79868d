"""What the departments owe: the overview's selector and its download (issue 12)."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.answers import forwarding_answer, forwarding_extend
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.overview import OwedFilters, OwedState, owed_list, owed_page
from borgerraadgiver.forwarding.overview_export import owed_export
from borgerraadgiver.forwarding.services import (
    forwarding_close,
    forwarding_draft,
    forwarding_follow_up,
    forwarding_mark_read,
)
from borgerraadgiver.organisation.models import ClosingDay
from tests.factories import AdministratorFactory, DepartmentFactory, UserFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

SENT = datetime.date(2024, 3, 6)  # a Wednesday: answer by Wed 27 March 2024
DEADLINE = datetime.date(2024, 3, 27)


def rows(user, today, **filters):
    return owed_page(user=user, filters=OwedFilters(**filters), today=today, number=1, size=50)


def answer(forwarding, day=datetime.date(2024, 3, 20)):
    return forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(day),
        answer_text="Svar",
    )


def test_sent_and_answered_forwardings_are_listed_drafts_and_closed_ones_not(
    make_sent, advisor, follow_up_action
):
    waiting = make_sent(SENT)
    answered = answer(make_sent(SENT))
    closed = answer(make_sent(SENT))
    forwarding_close(forwarding=closed, closed_by=advisor, now=at(SENT), outcome="answered")
    draft = forwarding_draft(
        inquiry=waiting.inquiry,
        created_by=advisor,
        now=at(SENT),
        kind=Forwarding.Kind.DIALOGUE,
        department=waiting.department,
        text="Kladde",
    )
    listed = [row.forwarding for row in rows(advisor, SENT)]
    assert set(listed) == {waiting, answered}
    assert draft not in listed and closed not in listed


def test_working_days_left_skip_the_weekend_and_the_office_closing_days(make_sent, advisor):
    make_sent(SENT)
    # From Friday 22 March the deadline Wednesday 27 March is Mon, Tue and Wed away.
    (row,) = rows(advisor, datetime.date(2024, 3, 22))
    assert (row.working_days_left, row.working_days_overdue, row.overdue) == (3, None, False)
    ClosingDay.objects.create(day=datetime.date(2024, 3, 25), name="Lukkedag")
    (row,) = rows(advisor, datetime.date(2024, 3, 22))
    assert row.working_days_left == 2
    (row,) = rows(advisor, DEADLINE)
    assert row.working_days_left == 0


def test_working_days_overdue_skip_easter(make_sent, advisor):
    make_sent(SENT)
    # Maundy Thursday, Good Friday, the weekend and Easter Monday are not working days:
    # Tuesday 2 April is the first working day after the deadline, Wednesday the second.
    (row,) = rows(advisor, datetime.date(2024, 4, 2))
    assert (row.working_days_left, row.working_days_overdue, row.overdue) == (None, 1, True)
    (row,) = rows(advisor, datetime.date(2024, 4, 3))
    assert row.working_days_overdue == 2


def test_a_later_date_asked_for_is_the_effective_deadline(make_sent, advisor):
    forwarding = make_sent(SENT)
    later = datetime.date(2024, 4, 10)
    forwarding_extend(
        forwarding=forwarding,
        requested_by=forwarding.department.managers.get(),
        now=at(datetime.date(2024, 3, 25)),
        new_deadline_date=later,
        reason="Vi mangler oplysninger",
        citizen_informed=True,
    )
    (row,) = rows(advisor, datetime.date(2024, 4, 2))
    assert (row.set_deadline_date, row.deadline_date, row.later_date_asked) == (
        DEADLINE,
        later,
        True,
    )
    assert not row.overdue
    assert rows(advisor, datetime.date(2024, 4, 2), deadline="overdue").paginator.count == 0


def test_a_follow_up_question_sets_a_new_deadline_not_a_later_date(
    make_sent, advisor, follow_up_action
):
    forwarding = answer(make_sent(SENT))
    asked = datetime.date(2024, 4, 3)
    forwarding_follow_up(forwarding=forwarding, asked_by=advisor, now=at(asked), text="Hvorfor?")
    (row,) = rows(advisor, asked)
    assert row.state == OwedState.NO_ANSWER
    assert row.set_deadline_date == row.deadline_date > asked
    assert not row.later_date_asked


def test_the_answer_filters(make_sent, advisor):
    waiting = make_sent(SENT)
    unread = answer(make_sent(SENT))
    read = answer(make_sent(SENT))
    forwarding_mark_read(forwarding=read, read_by=advisor, now=at(datetime.date(2024, 3, 21)))
    today = datetime.date(2024, 3, 22)

    def listed(state):
        return [row.forwarding for row in rows(advisor, today, state=state)]

    assert listed("no_answer") == [waiting]
    assert listed("unread") == [unread]
    assert listed("answered") == [read]
    assert [row.state for row in rows(advisor, today, sort="sent")] == [
        OwedState.NO_ANSWER,
        OwedState.UNREAD,
        OwedState.ANSWERED,
    ]


def test_a_new_answer_after_a_follow_up_question_is_unread_again(
    make_sent, advisor, follow_up_action
):
    forwarding = answer(make_sent(SENT))
    forwarding_mark_read(forwarding=forwarding, read_by=advisor, now=at(datetime.date(2024, 3, 21)))
    forwarding_follow_up(
        forwarding=forwarding, asked_by=advisor, now=at(datetime.date(2024, 3, 22)), text="Og så?"
    )
    answer(forwarding, day=datetime.date(2024, 3, 26))
    (row,) = rows(advisor, datetime.date(2024, 3, 27))
    assert row.state == OwedState.UNREAD


def test_the_deadline_filters(make_sent, advisor):
    overdue = make_sent(datetime.date(2024, 2, 28))  # due Wed 20 March
    this_week = make_sent(SENT)  # due Wed 27 March
    later = make_sent(datetime.date(2024, 3, 13))  # due Wed 3 April
    today = datetime.date(2024, 3, 25)  # Monday

    def listed(deadline):
        return [row.forwarding for row in rows(advisor, today, deadline=deadline)]

    assert listed("overdue") == [overdue]
    assert listed("this_week") == [this_week]
    assert listed("later") == [later]
    assert listed("") == [overdue, this_week, later]


def test_department_and_area_filters(make_sent, advisor):
    first = make_sent(SENT)
    second = make_sent(SENT, department=DepartmentFactory())
    assert [r.forwarding for r in rows(advisor, SENT, department_id=first.department_id)] == [first]
    assert [r.forwarding for r in rows(advisor, SENT, area_id=second.area_id)] == [second]


def test_sorted_by_deadline_by_default_and_by_sent_date_on_request(make_sent, advisor):
    early = make_sent(datetime.date(2024, 3, 1))
    late = make_sent(datetime.date(2024, 3, 4))
    forwarding_extend(
        forwarding=early,
        requested_by=early.department.managers.get(),
        now=at(datetime.date(2024, 3, 5)),
        new_deadline_date=datetime.date(2024, 4, 30),
        reason="Ferie",
        citizen_informed=True,
    )
    today = datetime.date(2024, 3, 6)
    assert [r.forwarding for r in rows(advisor, today)] == [late, early]
    assert [r.forwarding for r in rows(advisor, today, sort="-deadline")] == [early, late]
    assert [r.forwarding for r in rows(advisor, today, sort="sent")] == [early, late]
    assert [r.forwarding for r in rows(advisor, today, sort="-sent")] == [late, early]


@pytest.mark.parametrize("who", ["manager", "administrator", "plain"])
def test_nobody_but_an_advisor_gets_the_overview(make_sent, who):
    forwarding = make_sent(SENT)
    user = {
        "manager": lambda: forwarding.department.managers.get(),
        "administrator": lambda: AdministratorFactory(),
        "plain": lambda: UserFactory(),
    }[who]()
    with pytest.raises(PermissionDenied):
        owed_list(user=user, filters=OwedFilters(), today=SENT)
    with pytest.raises(PermissionDenied):
        owed_export(user=user, filters=OwedFilters(), fmt="csv", now=at(SENT), today=SENT)
    assert not AccessLogEntry.objects.filter(user=user).exists()


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))  # Danish: semicolons


def test_the_csv_download_lists_the_filtered_rows_and_is_logged(make_sent, advisor):
    waiting = make_sent(SENT)
    waiting.inquiry.summary = (
        "=Borgeren har ikke fået svar på ansøgningen om hjælpemidler til sin søn"
    )
    waiting.inquiry.save()
    answer(make_sent(SENT))
    today = datetime.date(2024, 4, 2)
    response = owed_export(
        user=advisor, filters=OwedFilters(state="no_answer"), fmt="csv", now=at(today), today=today
    )
    header, *lines = _csv(response)
    assert header[:4] == ["Afdeling eller område", "Type", "Sagsnummer", "Handler om"]
    (line,) = lines
    assert line[2] == waiting.inquiry.case_number
    assert line[3].startswith("'=Borgeren har ikke") and line[3].endswith("…")
    assert line[4:7] == [SENT.isoformat(), DEADLINE.isoformat(), ""]
    assert line[7:] == ["", "1", "Intet svar"]
    logged = AccessLogEntry.objects.filter(user=advisor, event=AccessEvent.INQUIRIES_EXPORTED)
    assert {entry.inquiry_id for entry in logged} == {waiting.inquiry_id, None}
    assert logged.get(inquiry_id=waiting.inquiry_id).person_id == waiting.inquiry.person_id


def test_the_excel_download_keeps_dates_and_numbers(make_sent, advisor):
    waiting = make_sent(SENT)
    today = datetime.date(2024, 3, 22)
    response = owed_export(
        user=advisor, filters=OwedFilters(), fmt="xlsx", now=at(today), today=today
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, row = list(sheet.iter_rows(values_only=True))
    assert header[2] == "Sagsnummer"
    assert row[2] == waiting.inquiry.case_number
    assert row[4].date() == SENT and row[5].date() == DEADLINE
    assert row[7] == 3  # working days left: Mon, Tue, Wed
    assert AccessLogEntry.objects.filter(
        user=advisor, event=AccessEvent.INQUIRIES_EXPORTED, inquiry_id=waiting.inquiry_id
    ).exists()


def test_the_download_reads_its_rows_without_a_query_for_each(make_sent, advisor):
    make_sent(SENT)
    today = datetime.date(2024, 3, 22)

    def lines() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            _header, *rows = _csv(
                owed_export(
                    user=advisor, filters=OwedFilters(), fmt="csv", now=at(today), today=today
                )
            )
        return len(rows), len(queries)

    one_row, few = lines()
    for _ in range(3):
        make_sent(SENT)
    assert lines() == (one_row + 3, few)
