"""The registration page's look-up of a known person: shown when it matters, logged when shown."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.look_up import person_look_up
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db


def logged() -> list[tuple[str, int | None, int | None, str]]:
    return list(
        AccessLogEntry.objects.order_by("id").values_list(
            "event", "inquiry_id", "person_id", "detail"
        )
    )


def test_matches_are_shown_and_logged_per_open_inquiry_until_the_advisor_has_seen_them(
    advisor, now
):
    person = PersonFactory(name="Mette Prøvesen", phone="12 34 56 78")
    first, second = InquiryFactory(person=person), InquiryFactory(person=person)
    InquiryFactory(person=person, status="closed", closed_date=datetime.date(2024, 3, 2))

    look_up = person_look_up(user=advisor, now=now, name="prøvesen", phone="", email="")

    assert look_up.shown is True
    assert [(p, {i.pk for i in found}) for p, found in look_up.matches.people] == [
        (person, {first.pk, second.pk})
    ]
    assert sorted(logged()) == sorted(
        [
            (AccessEvent.PERSONS_LOOKED_UP, first.pk, person.pk, "prøvesen"),
            (AccessEvent.PERSONS_LOOKED_UP, second.pk, person.pk, "prøvesen"),
        ]
    )

    seen = person_look_up(user=advisor, now=now, name="prøvesen", seen=True)
    assert seen.shown is False
    assert seen.matches.people == look_up.matches.people
    assert len(logged()) == 2


def test_a_person_without_open_inquiries_is_logged_as_the_person(advisor, now):
    person = PersonFactory(name="Bo Eksempelsen")
    InquiryFactory(person=person, status="closed", closed_date=datetime.date(2024, 3, 2))

    assert person_look_up(user=advisor, now=now, name="Eksempelsen", phone="1234").shown

    assert logged() == [(AccessEvent.PERSONS_LOOKED_UP, None, person.pk, "Eksempelsen 1234")]


def test_nobody_found_is_shown_and_logged_only_when_the_advisor_asks(advisor, now):
    assert person_look_up(user=advisor, now=now, name="Ingen Findes").shown is False
    assert logged() == []

    assert person_look_up(user=advisor, now=now, name="Ingen Findes", asked=True).shown is True
    assert logged() == [(AccessEvent.PERSONS_LOOKED_UP, None, None, "Ingen Findes")]


def test_a_nul_character_typed_in_the_name_finds_and_breaks_nothing(advisor_client):
    # Found by the form fuzzing on PostgreSQL, which refuses NUL in a query: a 500 before.
    response = advisor_client.post(
        reverse("advisor:inquiry_register"),
        {"person_name": "Mette\x00 Prøvesen", "find_person": "1"},
    )
    assert response.status_code == 200
