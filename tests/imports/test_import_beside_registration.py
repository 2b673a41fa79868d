"""Writers never wait for one another over the register's number (PostgreSQL only, issue 18).

PostgreSQL keeps the number of inquiries as rows of +n/−n, one per statement (migration
inquiries/0013). While one transaction has inserted an inquiry and not committed yet (as a
registration does while it writes the reasons, the first contact and the access-log rows), a
registration, an import and the list's count with its fold must each finish without waiting for
it, and once all have committed the number is the register's. A number kept in one row that
every writer updates, as first built, fails the first test on its lock timeout. (A real open
registration also holds its year's case-number counter, which a second registration in the same
year waits for by design; the insert here takes no counter, so only the number's locks count.)
"""

import datetime
import threading

import pytest
from django.db import connection, transaction

from borgerraadgiver.inquiries import register_count
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.inquiries.register_count import register_total
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement
from borgerraadgiver.inquiries.services.registration import inquiry_register
from tests.factories import InquiryFactory
from tests.imports.conftest import csv_file
from tests.imports.test_import_inquiries import VALID_ROWS, run

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL keeps the number; SQLite counts"
)


def _register(org, advisor, now) -> None:
    school = org["departments"]["Skole"]
    inquiry_register(
        registered_by=advisor,
        now=now,
        received_date=now.date(),
        channel="phone",
        complainant_kind=ComplainantKind.CITIZEN,
        placements=[Placement(area=school.area, department=school)],
        reasons=[org["reasons"]["Afgørelse"]],
        handling_type=org["handling"]["Råd og vejledning"],
        new_person=PersonData(name="Samtidig Borger"),
    )


@pytest.mark.django_db(transaction=True)
def test_an_open_insert_holds_up_no_registration_import_or_count(org, advisor, now, monkeypatch):
    inserted, release = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def insert_and_wait() -> None:
        try:
            with transaction.atomic():
                # A year the import's file does not hold: an import refuses years with
                # registrations, and this one is not committed for it to see. Its lists exist
                # already, as a registration's do: a transaction that changes a list holds the
                # lists' token until it commits (organisation.kept).
                InquiryFactory(
                    received_date=datetime.date(2022, 1, 3),
                    department=org["departments"]["Skole"],
                    handling_type=org["handling"]["Råd og vejledning"],
                    reasons=[org["reasons"]["Afgørelse"]],
                )
                inserted.set()
                release.wait(60)
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
            inserted.set()
        finally:
            connection.close()

    other = threading.Thread(target=insert_and_wait)
    other.start()
    try:
        assert inserted.wait(30)
        with connection.cursor() as cursor:
            # Waiting for the open transaction's lock would end in an error, not a hang.
            cursor.execute("SET lock_timeout = '5s'")
        # An import loads years before registering starts, so it runs first here.
        result = run(csv_file(VALID_ROWS), now=now)
        assert result.imported, result.errors
        _register(org, advisor, now)
        monkeypatch.setattr(register_count, "FOLD_AFTER", 0)
        # The open transaction's inquiry is not seen, and its row is not folded away.
        assert register_total() == Inquiry.objects.count() == 1 + len(VALID_ROWS)
    finally:
        release.set()
        other.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert not failures
    assert register_total() == Inquiry.objects.count() == 2 + len(VALID_ROWS)


@pytest.mark.django_db(transaction=True)
def test_folds_beside_inserts_and_deletes_lose_and_double_nothing(monkeypatch):
    """Six threads, each inserting, deleting and folding at once: the final number is the
    register's (a fold that read the sum in one statement and replaced the rows in another
    loses thousands here)."""
    monkeypatch.setattr(register_count, "FOLD_AFTER", 0)  # every read folds
    barrier = threading.Barrier(6)
    failures: list[BaseException] = []

    def write_and_read() -> None:
        try:
            barrier.wait()
            for _ in range(5):
                with transaction.atomic():
                    first, _second = InquiryFactory.create_batch(2)
                    register_total()
                first.delete()
                register_total()
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write_and_read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    assert register_total() == Inquiry.objects.count() == 30
