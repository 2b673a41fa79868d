"""Correcting a person's details and merging two records of the same person (issue 12)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Consent, ConsentRefusal
from borgerraadgiver.inquiries.models import Inquiry, Person, PersonChange, PersonMerge
from borgerraadgiver.inquiries.services.people import (
    MERGE_DIFFERENT_CPR,
    StalePerson,
    person_correct,
    person_merge,
)
from borgerraadgiver.privacy.selectors import person_log_page
from tests.factories import (
    AdvisorFactory,
    InquiryFactory,
    PersonFactory,
    UserFactory,
    submission_sent,
)

pytestmark = pytest.mark.django_db


def _correct(person, advisor, now, **changes):
    fields = {
        "name": person.name,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
    }
    return person_correct(person=person, changed_by=advisor, now=now, **{**fields, **changes})


def test_a_correction_records_who_when_which_field_from_and_to(advisor, now):
    person = PersonFactory(name="Jens Hansen", phone="12345678")
    _correct(person, advisor, now, name="Jens Hansen Møller", phone="87654321")

    changes = {c.field: c for c in PersonChange.objects.filter(person=person)}
    assert set(changes) == {"name", "phone"}
    assert (changes["name"].old_value, changes["name"].new_value) == (
        "Jens Hansen",
        "Jens Hansen Møller",
    )
    assert changes["phone"].changed_by == advisor
    assert changes["phone"].changed_at == now
    person.refresh_from_db()
    assert person.version == 2
    entry = AccessLogEntry.objects.get(event=AccessEvent.PERSON_CHANGED)
    assert (entry.user, entry.person_id) == (advisor, person.pk)


def test_a_cpr_correction_is_recorded_masked(advisor, now):
    person = PersonFactory(cpr="0101901234")
    _correct(person, advisor, now, cpr="020280-5678")

    person.refresh_from_db()
    assert person.cpr == "0202805678"
    change = PersonChange.objects.get(person=person, field="cpr")
    assert (change.old_value, change.new_value) == ("010190-****", "020280-****")
    assert "1234" not in change.old_value and "5678" not in change.new_value


def test_a_cpr_number_that_cannot_be_one_is_refused_next_to_its_field(advisor, now):
    person = PersonFactory()
    with pytest.raises(ValidationError) as refused:
        _correct(person, advisor, now, cpr="320190-1234")
    assert "cpr" in refused.value.error_dict
    assert not PersonChange.objects.exists()


def test_a_correction_from_a_stale_form_is_refused_with_the_changes_since(advisor, now):
    person = PersonFactory(name="Jens Hansen")
    colleague = AdvisorFactory()
    _correct(person, colleague, now, name="Jens Hansen", phone="11223344", expected_version=1)

    with pytest.raises(StalePerson) as stale:
        _correct(person, advisor, now, phone="99887766", expected_version=1)

    assert stale.value.current_version == 2
    assert [change.field for change in stale.value.changes] == ["phone"]
    person.refresh_from_db()
    assert person.phone == "11223344"


def test_a_save_that_changes_nothing_keeps_the_version(advisor, now):
    person = PersonFactory()
    assert _correct(person, advisor, now, expected_version=1) == []
    person.refresh_from_db()
    assert person.version == 1


def test_a_user_without_a_role_may_not_correct_or_merge(now):
    nobody = UserFactory()
    person, other = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionDenied):
        _correct(person, nobody, now, name="Andet Navn")
    with pytest.raises(PermissionDenied):
        person_merge(kept=person, merged=other, merged_by=nobody, now=now)
    assert Person.objects.count() == 2


def test_a_merge_keeps_every_inquiry_consent_message_and_log_row(advisor, now, make_sent):
    kept = PersonFactory(name="Jens Hansen", cpr="0101901234", phone="")
    merged_person = PersonFactory(name="Hansen, Jens", phone="+45 12 34 56 78", cpr="")
    own = InquiryFactory(person=kept)
    forwarded = make_sent(datetime.date(2024, 3, 6)).inquiry
    Inquiry.objects.filter(pk=forwarded.pk).update(person=merged_person)
    ConsentRefusal.objects.create(
        inquiry=forwarded, method="phone", given_by="Jens", refused_date=now.date(), recorded_at=now
    )
    submission = submission_sent(
        now=now,
        client_address="192.0.2.1",
        name="Jens Hansen",
        phone="12345678",
        what_happened="Ingen svar",
    )
    submission.inquiries.add(forwarded)
    old_row = access_log_write(
        user=advisor, event=AccessEvent.PERSON_VIEWED, now=now, person_id=merged_person.pk
    )
    merged_id = merged_person.pk

    record = person_merge(kept=kept, merged=merged_person, merged_by=advisor, now=now)

    assert not Person.objects.filter(pk=merged_id).exists()
    assert set(Inquiry.objects.filter(person=kept)) == {own, forwarded}
    assert Consent.objects.filter(inquiry=forwarded).exists()
    assert ConsentRefusal.objects.filter(inquiry=forwarded).exists()
    assert list(forwarded.submissions.all()) == [submission]
    kept.refresh_from_db()
    assert (kept.cpr, kept.phone) == ("0101901234", "+45 12 34 56 78")  # taken where missing
    assert (record.merged_person_id, record.name, record.merged_by) == (
        merged_id,
        "Hansen, Jens",
        advisor,
    )
    assert record.inquiries_moved == 1
    log = person_log_page(user=advisor, pk=kept.pk, number=1).page.object_list
    assert old_row.pk in {entry.pk for entry in log}
    merge_rows = AccessLogEntry.objects.filter(event=AccessEvent.PERSONS_MERGED)
    assert {row.person_id for row in merge_rows} == {kept.pk, merged_id}
    assert merge_rows.filter(inquiry_id=forwarded.pk).exists()


def test_a_merge_is_refused_when_the_cpr_numbers_differ(advisor, now):
    kept = PersonFactory(cpr="0101901234")
    other = PersonFactory(cpr="0202805678")
    InquiryFactory(person=other)
    with pytest.raises(ValidationError) as refused:
        person_merge(kept=kept, merged=other, merged_by=advisor, now=now)
    assert refused.value.message_dict["merged"] == [str(MERGE_DIFFERENT_CPR)]
    assert Person.objects.filter(pk=other.pk).exists()
    assert not PersonMerge.objects.exists()
    assert not AccessLogEntry.objects.filter(event=AccessEvent.PERSONS_MERGED).exists()


def test_a_chain_of_merges_keeps_the_earlier_merge_and_its_log(advisor, now):
    first, second, third = PersonFactory(), PersonFactory(), PersonFactory()
    row = access_log_write(
        user=advisor, event=AccessEvent.PERSON_VIEWED, now=now, person_id=first.pk
    )
    first_id, second_id = first.pk, second.pk
    person_merge(kept=second, merged=first, merged_by=advisor, now=now)
    person_merge(kept=third, merged=second, merged_by=advisor, now=now)

    assert set(third.merges.values_list("merged_person_id", flat=True)) == {first_id, second_id}
    log = person_log_page(user=advisor, pk=third.pk, number=1).page.object_list
    assert row.pk in {entry.pk for entry in log}


def test_every_relation_to_a_person_is_moved_by_a_merge():
    """A new model pointing at Person must be handled by person_merge: this lists them."""
    relations = {
        (rel.related_model._meta.label, rel.field.name) for rel in Person._meta.related_objects
    }
    assert relations == {
        ("inquiries.Inquiry", "person"),
        ("inquiries.PersonChange", "person"),
        ("inquiries.PersonMerge", "kept"),
    }
