import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from borgerraadgiver.inquiries.services.case_numbers import case_number_next
from borgerraadgiver.organisation.models import Office, validate_case_number_pattern
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def draw(day: datetime.date) -> str:
    with transaction.atomic():
        return case_number_next(received_date=day)


def test_case_numbers_run_per_year_in_the_default_format():
    assert draw(datetime.date(2024, 1, 2)) == "BR-2024-0001"
    assert draw(datetime.date(2024, 5, 2)) == "BR-2024-0002"
    assert draw(datetime.date(2025, 1, 2)) == "BR-2025-0001"


def test_case_numbers_follow_the_office_pattern():
    office = Office.load()
    office.case_number_pattern = "00.01.10-P20-{seq}-{yy}"
    office.save()
    assert draw(datetime.date(2024, 1, 2)) == "00.01.10-P20-1-24"


def test_a_number_already_taken_is_skipped():
    InquiryFactory(case_number="BR-2024-0001")
    assert draw(datetime.date(2024, 1, 2)) == "BR-2024-0002"


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("BR-{year}", "would_repeat"),
        ("BR-{seq}", "would_repeat"),
        ("BR-{year}-{kle}-{seq}", "unknown_field"),
        ("BR-{year-{seq}", "invalid"),
        ("BR-{year}-{seq:q}", "invalid"),
    ],
)
def test_a_pattern_that_would_repeat_or_break_is_refused(pattern, code):
    with pytest.raises(ValidationError) as error:
        validate_case_number_pattern(pattern)
    assert [e.code for e in error.value.error_list] == [code]
