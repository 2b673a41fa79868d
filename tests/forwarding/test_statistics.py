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
from borgerraadgiver.forwarding.statistics import forwarding_statistics
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
    school_figures = figures.by_department["Skole"]
    assert (school_figures.sent, school_figures.answered_on_time) == (2, 1)
    # Working days after Wed 6 March: to 13 March 5; to 3 April 17 (Maundy Thursday, Good Friday
    # and Easter Monday are not working days); to 12 April 24. The median is 17.
    assert overall.median_working_days_to_answer == 17.0
    assert figures.by_department["Jobcenter"].unanswered_overdue == 1


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
