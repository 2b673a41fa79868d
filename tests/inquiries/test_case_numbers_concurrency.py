"""Registrations at once never share a case number (PostgreSQL only: it runs them truly in
parallel; SQLite writes one at a time anyway). The year's counter is locked and advanced in one
statement, and the year's first number makes its row (`services/case_numbers.py`)."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, transaction

from borgerraadgiver.inquiries.models import CaseNumberSequence
from borgerraadgiver.inquiries.services.case_numbers import case_numbers_draw

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs a database that writes in parallel"
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 8


def _at_once(work: Callable[[], list[str]]) -> list[str]:
    """`work` in THREADS threads released together; every number they drew."""
    barrier = threading.Barrier(THREADS)
    drawn: list[str] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            drawn.extend(work())
        except BaseException as error:  # reported by the test below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    return drawn


def test_the_first_registrations_of_a_new_year_at_once_never_share_a_number():
    def first() -> list[str]:
        with transaction.atomic():
            return case_numbers_draw(year=2040, count=1)

    drawn = _at_once(first)
    assert sorted(drawn) == [f"BR-2040-{seq:04d}" for seq in range(1, THREADS + 1)]
    assert CaseNumberSequence.objects.get(year=2040).last == THREADS


def test_many_registrations_and_batches_at_once_never_share_a_number():
    def several() -> list[str]:
        numbers = []
        for count in (1, 2, 3, 1, 1, 2, 1, 3, 1, 1):  # past the statement's fifth run: prepared
            with transaction.atomic():
                numbers += case_numbers_draw(year=2041, count=count)
        return numbers

    with transaction.atomic():
        case_numbers_draw(year=2041, count=1)  # the year's counter made
    drawn = _at_once(several)
    assert len(drawn) == len(set(drawn)) == THREADS * 16
    assert sorted(drawn) == [f"BR-2041-{seq:04d}" for seq in range(2, THREADS * 16 + 2)]
