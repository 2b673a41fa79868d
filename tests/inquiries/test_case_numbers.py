import datetime
import doctest

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import case_numbers
from borgerraadgiver.inquiries.services.case_numbers import case_number_next, case_numbers_draw
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement
from borgerraadgiver.inquiries.services.registration import inquiry_register
from borgerraadgiver.organisation.models import Office, validate_case_number_pattern
from tests.factories import DepartmentFactory, HandlingTypeFactory, InquiryFactory, ReasonFactory

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


def test_a_batch_continues_the_same_sequence_and_skips_numbers_taken():
    draw(datetime.date(2024, 1, 2))
    InquiryFactory(case_number="BR-2024-0003")
    with transaction.atomic():
        batch = case_numbers_draw(year=2024, count=3)
    assert batch == ["BR-2024-0002", "BR-2024-0004", "BR-2024-0005"]
    assert draw(datetime.date(2024, 6, 1)) == "BR-2024-0006"


def test_a_batch_larger_than_one_check_is_drawn_whole(monkeypatch):
    monkeypatch.setattr(case_numbers, "CHECK_BATCH", 2)
    InquiryFactory(case_number="BR-2023-0002")
    with transaction.atomic():
        batch = case_numbers_draw(year=2023, count=5)
    assert batch == [f"BR-2023-{seq:04d}" for seq in (1, 3, 4, 5, 6)]


def test_the_pattern_examples_hold():
    result = doctest.testmod(case_numbers)
    assert (result.attempted, result.failed) == (2, 0)


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


def test_registration_draws_its_case_number_last_so_the_year_is_locked_briefly(advisor):
    """The year's counter stays locked until the commit: everything else is written first."""
    department = DepartmentFactory()
    with CaptureQueriesContext(connection) as queries:
        [inquiry] = inquiry_register(
            registered_by=advisor,
            now=timezone.now(),
            received_date=timezone.localdate(),
            channel="phone",
            complainant_kind="citizen",
            placements=[Placement(area=department.area, department=department)],
            reasons=[ReasonFactory()],
            handling_type=HandlingTypeFactory(),
            new_person=PersonData(name="Karen Holm"),
        )
    sql = [q["sql"] for q in queries.captured_queries]
    locked = next(i for i, text in enumerate(sql) if "casenumbersequence" in text.lower())
    # After the lock only the number itself: the counter, the numbers taken, the inquiry's number.
    after = [text for text in sql[locked:] if "SAVEPOINT" not in text]
    assert all("casenumbersequence" in text or "case_number" in text for text in after), after
    year = timezone.localdate().year
    assert (
        Inquiry.objects.get(pk=inquiry.pk).case_number == f"BR-{year}-0001" == inquiry.case_number
    )


def test_the_year_s_counter_is_locked_and_advanced_in_one_statement():
    draw(datetime.date(2024, 1, 2))  # the year's row made
    with CaptureQueriesContext(connection) as queries:
        assert draw(datetime.date(2024, 3, 4)) == "BR-2024-0002"
    counter = [q["sql"] for q in queries.captured_queries if "casenumbersequence" in q["sql"]]
    assert len(counter) == 1
    assert counter[0].startswith("UPDATE") and "RETURNING" in counter[0]


def test_a_database_that_cannot_return_rows_draws_the_same_numbers(monkeypatch):
    """An SQLite older than 3.35 has no `UPDATE … RETURNING`: the counter is read and written."""
    InquiryFactory(case_number="BR-2024-0002")
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    assert draw(datetime.date(2024, 1, 2)) == "BR-2024-0001"
    with transaction.atomic():
        assert case_numbers_draw(year=2024, count=2) == ["BR-2024-0003", "BR-2024-0004"]
    monkeypatch.undo()
    assert draw(datetime.date(2024, 6, 1)) == "BR-2024-0005"


@pytest.mark.django_db(transaction=True)
def test_a_drawing_outside_a_transaction_is_refused():
    """Drawn and committed at once, a number would leave a gap if the registration failed."""
    with transaction.atomic():
        case_numbers_draw(year=2060, count=1)  # the year's counter made
    with pytest.raises(TransactionManagementError):
        case_numbers_draw(year=2060, count=1)
    with pytest.raises(TransactionManagementError):
        case_numbers_draw(year=2061, count=1)
