"""The retention rule as a pure calculation: table-driven, no database."""

import datetime
import uuid

import pytest

from borgerraadgiver.privacy.retention import (
    InquiryFacts,
    retention_due_date,
    retention_plan,
)

d = datetime.date
GROUP = uuid.UUID(int=1)


@pytest.mark.parametrize(
    ("closed", "years", "due"),
    [
        (d(2019, 6, 14), 5, d(2024, 6, 14)),
        (d(2019, 12, 31), 5, d(2024, 12, 31)),
        (d(2020, 2, 29), 5, d(2025, 3, 1)),  # no 29 February: a day late, never early
        (d(2020, 2, 29), 4, d(2024, 2, 29)),
        (d(2023, 1, 1), 1, d(2024, 1, 1)),
    ],
)
def test_due_date_is_the_closing_dates_anniversary(closed, years, due):
    assert retention_due_date(closed, years=years) == due


@pytest.mark.parametrize(
    ("facts", "today", "due", "persons"),
    [
        # closed exactly N years ago: due; a day less: not yet
        ([InquiryFacts(1, d(2019, 6, 14), person_id=10)], d(2024, 6, 14), [1], [10]),
        ([InquiryFacts(1, d(2019, 6, 15), person_id=10)], d(2024, 6, 14), [], []),
        # open inquiries are never due, however old
        ([InquiryFacts(1, None, person_id=10)], d(2099, 1, 1), [], []),
        # the person stays while another inquiry of theirs is open or not yet due
        (
            [InquiryFacts(1, d(2010, 1, 1), person_id=10), InquiryFacts(2, None, person_id=10)],
            d(2024, 6, 14),
            [1],
            [],
        ),
        (
            [
                InquiryFacts(1, d(2010, 1, 1), person_id=10),
                InquiryFacts(2, d(2023, 1, 1), person_id=10),
            ],
            d(2024, 6, 14),
            [1],
            [],
        ),
        # both due: the person goes; oldest closing first
        (
            [
                InquiryFacts(2, d(2012, 1, 1), person_id=10),
                InquiryFacts(1, d(2015, 1, 1), person_id=10),
            ],
            d(2024, 6, 14),
            [2, 1],
            [10],
        ),
        # anonymous: no person to delete
        ([InquiryFacts(1, d(2010, 1, 1))], d(2024, 6, 14), [1], []),
        # already removed: not due again, and it does not keep the person
        (
            [
                InquiryFacts(1, d(2010, 1, 1), person_id=None, removed=True),
                InquiryFacts(2, d(2011, 1, 1), person_id=10),
            ],
            d(2024, 6, 14),
            [2],
            [10],
        ),
        # registered together: none goes until all are due
        (
            [
                InquiryFacts(1, d(2010, 1, 1), person_id=10, group=GROUP),
                InquiryFacts(2, None, person_id=10, group=GROUP),
            ],
            d(2024, 6, 14),
            [],
            [],
        ),
        (
            [
                InquiryFacts(1, d(2010, 1, 1), person_id=10, group=GROUP),
                InquiryFacts(2, d(2011, 1, 1), person_id=10, group=GROUP),
            ],
            d(2024, 6, 14),
            [1, 2],
            [10],
        ),
    ],
)
def test_retention_plan(facts, today, due, persons):
    plan = retention_plan(facts, today=today, years=5)
    assert (plan.due, plan.persons) == (due, persons)


def test_a_retention_period_under_a_year_is_refused():
    with pytest.raises(ValueError):
        retention_plan([], today=d(2024, 1, 1), years=0)
