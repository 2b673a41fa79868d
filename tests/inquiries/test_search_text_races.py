"""Two transactions at once leave no search text stale and deadlock nothing (PostgreSQL only,
issue 18, migration inquiries/0014).

A correction of a person rewrites the search text of each of their inquiries. An inquiry
registered for that person at the same moment is not yet visible to the correction, so it reads
its person `FOR SHARE`: whichever commits first, the inquiry ends with the new name. And an edit
of an inquiry that also replaces its person's CPR number locks the person before the inquiry,
the order the correction takes, so the two wait for each other instead of deadlocking.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from borgerraadgiver.inquiries.services import editing, people
from tests.factories import InquiryFactory, PersonFactory
from tests.inquiries.test_editing import update
from tests.inquiries.test_people import _correct
from tests.inquiries.test_search_text import _found

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the search text is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

# Long enough for the other thread to reach its lock and wait there.
SETTLE = 0.5


def _in_thread(work, failures):
    """Run `work` in a thread of its own, with its own connection; errors are kept."""

    def run():
        try:
            work()
        except BaseException as error:  # reported by the test, not lost in the thread
            failures.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_an_inquiry_registered_while_its_person_is_renamed_gets_the_new_name(advisor, now):
    person = PersonFactory(name="Karen Gammelnavn")
    failures: list[BaseException] = []
    with transaction.atomic():
        _correct(person, advisor, now, name="Karen Nytnavn")
        # The new inquiry reads the person FOR SHARE, so it waits for this commit.
        registering = _in_thread(lambda: InquiryFactory(person=person), failures)
        time.sleep(SETTLE)
    registering.join(30)
    assert not failures
    (inquiry,) = person.inquiries.all()
    assert _found(advisor, "Nytnavn") == {inquiry}
    assert _found(advisor, "Gammelnavn") == set()


def test_a_person_renamed_while_their_inquiry_is_registered_renames_it_too(advisor, now):
    person = PersonFactory(name="Karen Gammelnavn")
    failures: list[BaseException] = []
    with transaction.atomic():
        inquiry = InquiryFactory(person=person)
        # The rename waits for this commit, and then sees the new inquiry.
        renaming = _in_thread(
            lambda: _correct(person, advisor, now, name="Karen Nytnavn"), failures
        )
        time.sleep(SETTLE)
    renaming.join(30)
    assert not failures
    assert _found(advisor, "Nytnavn") == {inquiry}
    assert _found(advisor, "Gammelnavn") == set()


def test_an_edit_that_replaces_the_cpr_number_and_a_correction_of_the_person_both_finish(
    advisor, now, monkeypatch
):
    """The edit holds its locks until the correction has had time to take the person (or to
    wait for it); in the opposite order of locks this ends in PostgreSQL's deadlock error."""
    person = PersonFactory(name="Karen", cpr="")
    inquiry = InquiryFactory(person=person)
    edit_locked, correction_locked = threading.Event(), threading.Event()
    claim_inquiry, claim_person = editing._claim_version, people._claim_version

    def inquiry_claimed(*args, **kwargs):
        version = claim_inquiry(*args, **kwargs)
        edit_locked.set()
        correction_locked.wait(2 * SETTLE)  # the correction cannot take the person: it waits
        return version

    def person_claimed(*args, **kwargs):
        version = claim_person(*args, **kwargs)
        correction_locked.set()
        return version

    monkeypatch.setattr(editing, "_claim_version", inquiry_claimed)
    monkeypatch.setattr(people, "_claim_version", person_claimed)
    failures: list[BaseException] = []
    editing_thread = _in_thread(
        lambda: update(inquiry, advisor, now, person_cpr="0101901234"), failures
    )
    assert edit_locked.wait(30)
    correcting = _in_thread(lambda: _correct(person, advisor, now, name="Karen Rettet"), failures)
    editing_thread.join(30)
    correcting.join(30)
    assert not failures
    person.refresh_from_db()
    assert (person.name, person.cpr) == ("Karen Rettet", "0101901234")
    assert _found(advisor, "Rettet") == {inquiry}
