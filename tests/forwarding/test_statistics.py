"""The report's forwarding figures, computed from the forwardings themselves."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.forwarding.services import (
    forwarding_answer,
    forwarding_close,
    forwarding_extend,
    forwarding_follow_up,
)
from borgerraadgiver.forwarding.statistics import (
    ForwardingRow,
    Recipient,
    deadline_state,
    forwarding_figures,
    forwarding_statistics,
)
from tests.factories import DepartmentFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds", "follow_up_action")]

YEAR = (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def answer(forwarding, day):
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(day),
        answer_text="Svar",
    )


def test_figures_per_department_and_overall(make_sent, advisor):
    school, jobs = DepartmentFactory(name="Skole"), DepartmentFactory(name="Jobcenter")
    # Sent Wed 6 March: answer by Wed 27 March.
    on_time = make_sent(datetime.date(2024, 3, 6), department=school)
    answer(on_time, datetime.date(2024, 3, 13))  # 5 working days
    late = make_sent(datetime.date(2024, 3, 6), department=school)
    answer(late, datetime.date(2024, 4, 3))  # after 27 March; Easter in between
    extended = make_sent(datetime.date(2024, 3, 6), department=jobs)
    forwarding_extend(
        forwarding=extended,
        requested_by=extended.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Afventer",
        citizen_informed=True,
    )
    answer(extended, datetime.date(2024, 4, 8))  # late for the first date, on time for the new
    forwarding_follow_up(
        forwarding=extended, asked_by=advisor, now=at(datetime.date(2024, 4, 9)), text="Og?"
    )
    answer(extended, datetime.date(2024, 4, 12))
    forwarding_close(
        forwarding=on_time, closed_by=advisor, now=at(datetime.date(2024, 3, 14)), outcome="apology"
    )
    make_sent(datetime.date(2024, 11, 4), department=jobs)  # never answered
    make_sent(datetime.date(2023, 12, 1), department=jobs)  # another period

    figures = forwarding_statistics(start=YEAR[0], end=YEAR[1], today=datetime.date(2025, 1, 15))

    overall = figures.overall
    assert (overall.sent, overall.forwarded, overall.dialogue) == (4, 4, 0)
    assert (overall.answered_on_time, overall.answered_late) == (1, 2)
    assert (overall.unanswered_overdue, overall.unanswered_not_yet_due) == (1, 0)
    assert (overall.extensions, overall.follow_up_questions) == (1, 1)
    assert overall.outcomes == {"apology": 1}
    school_figures = figures.department(school.pk)
    assert (school_figures.sent, school_figures.answered_on_time) == (2, 1)
    # Working days after Wed 6 March: to 13 March 5; to 3 April 17 (Maundy Thursday, Good Friday
    # and Easter Monday are not working days); to 12 April 24. The median is 17.
    assert overall.median_working_days_to_answer == 17.0
    assert figures.department(jobs.pk).unanswered_overdue == 1


def test_the_figures_take_a_fixed_number_of_queries(make_sent):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            forwarding_statistics(start=YEAR[0], end=YEAR[1], today=datetime.date(2025, 1, 1))
        return len(captured)

    make_sent(datetime.date(2024, 3, 6))
    few = queries()
    for month in range(4, 10):
        make_sent(datetime.date(2024, month, 3))
    assert queries() == few


# The deadline's boundaries: the deadline day itself belongs to the department.

DEADLINE = datetime.date(2024, 3, 27)  # Wednesday; sent Wednesday 6 March
DAY = datetime.timedelta(days=1)


def row(*, answered=None, status="sent", deadline=DEADLINE):
    return ForwardingRow(
        kind="forwarded",
        status="answered" if answered else status,
        sent_date=datetime.date(2024, 3, 6),
        deadline_date=deadline,
        answered_date=answered,
        outcome="",
        extensions=0,
        follow_up_questions=0,
        recipient=Recipient(1, 2),
    )


@pytest.mark.parametrize(
    ("answered", "today", "state"),
    [
        (DEADLINE - DAY, DEADLINE, "answered_on_time"),
        (DEADLINE, DEADLINE, "answered_on_time"),  # on the deadline day: on time
        (
            DEADLINE + DAY,
            DEADLINE + 9 * DAY,
            "answered_late",
        ),
        (None, DEADLINE - DAY, "unanswered_not_yet_due"),
        (None, DEADLINE, "unanswered_not_yet_due"),  # still the deadline day: not yet overdue
        (None, DEADLINE + DAY, "unanswered_overdue"),
    ],
)
def test_the_deadline_day_belongs_to_the_department(answered, today, state):
    assert deadline_state(row(answered=answered), today=today) == state


def test_a_forwarding_closed_without_an_answer_is_not_counted_overdue():
    closed = row(status="closed")
    assert deadline_state(closed, today=DEADLINE + 30 * DAY) == ("unanswered_not_yet_due")


def test_the_pure_tally_counts_the_boundaries_without_a_database():
    rows = [row(answered=DEADLINE), row(), row(answered=DEADLINE + DAY)]
    figures = forwarding_figures(rows, today=DEADLINE, working_days=lambda sent, answered: 15)
    assert (figures.answered_on_time, figures.answered_late) == (1, 1)
    assert (figures.unanswered_overdue, figures.unanswered_not_yet_due) == (0, 1)
    assert figures.median_working_days_to_answer == 15.0


def test_an_answer_on_the_deadline_day_counts_as_on_time_in_the_statistics(make_sent):
    on_the_day = make_sent(datetime.date(2024, 3, 6))
    assert on_the_day.deadline_date == DEADLINE
    answer(on_the_day, DEADLINE)
    waiting = make_sent(datetime.date(2024, 3, 6))
    assert waiting.deadline_date == DEADLINE

    def figures(today):
        return forwarding_statistics(start=YEAR[0], end=YEAR[1], today=today).overall

    on_deadline_day = figures(DEADLINE)
    assert (on_deadline_day.answered_on_time, on_deadline_day.answered_late) == (1, 0)
    assert (on_deadline_day.unanswered_overdue, on_deadline_day.unanswered_not_yet_due) == (0, 1)
    day_after = figures(DEADLINE + DAY)
    assert (day_after.unanswered_overdue, day_after.unanswered_not_yet_due) == (1, 0)
