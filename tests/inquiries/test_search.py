"""The register's search finds a person by CPR number, phone number and name however typed
(issue 12); run on SQLite and on PostgreSQL (DATABASE_URL)."""

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.search import cpr_in, phone_digits
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_list, person_search
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db

LIST = reverse("advisor:inquiry_list")


@pytest.fixture
def jens():
    person = PersonFactory(
        name="Jens Ærø Hansen", phone="+45 12 34 56 78", email="jens@example.com", cpr="0101901234"
    )
    return InquiryFactory(person=person)


@pytest.fixture
def others():
    return [
        InquiryFactory(
            person=PersonFactory(name="Hans Jensen", phone="87 65 43 21", cpr="0202805678")
        ),
        InquiryFactory(person=PersonFactory(name="Jens Olsen", phone="1234 0000")),
    ]


def _found(advisor, term):
    return set(inquiry_list(user=advisor, filters=InquiryFilters(search=term)))


@pytest.mark.parametrize("term", ["010190-1234", "0101901234", " 010190 1234 "])
def test_a_cpr_number_with_or_without_the_dash_finds_the_person(advisor, jens, others, term):
    assert _found(advisor, term) == {jens}


@pytest.mark.parametrize(
    "term",
    ["12345678", "12 34 56 78", "+4512345678", "0045 12 34 56 78", "12-34-56-78", "+45 1234 5678"],
)
def test_a_phone_number_however_written_finds_the_person(advisor, jens, others, term):
    assert _found(advisor, term) == {jens}


@pytest.mark.parametrize("term", ["Hansen Jens", "jens hansen", "ærø jens", "HANSEN ÆRØ JENS"])
def test_a_name_in_any_word_order_finds_the_person(advisor, jens, others, term):
    assert _found(advisor, term) == {jens}


def test_one_word_still_finds_every_name_that_holds_it(advisor, jens, others):
    assert _found(advisor, "Jens") == {jens, *others}


def test_a_birth_date_that_is_no_date_is_not_taken_for_a_cpr_number():
    assert cpr_in("320190-1234") == ""
    assert phone_digits("320190-1234") == "3201901234"


def test_the_person_search_lists_the_people_found(advisor, jens, others):
    assert person_search(user=advisor, text="hansen jens").people == [jens.person]
    assert person_search(user=advisor, text="0045 12345678").people == [jens.person]


def test_nobody_without_the_role_finds_anyone(plain_user, jens):
    assert person_search(user=plain_user, text="Jens").people == []


def test_a_cpr_search_on_the_list_is_logged_as_a_cpr_look_up_masked(advisor_client, jens):
    response = advisor_client.get(LIST, {"q": "010190-1234"})
    assert jens.case_number in response.content.decode()
    entries = AccessLogEntry.objects.filter(event=AccessEvent.CPR_LOOKED_UP)
    assert {entry.detail for entry in entries} == {"010190-****"}
    assert entries.filter(inquiry_id=jens.pk, person_id=jens.person_id).exists()
    assert not AccessLogEntry.objects.filter(detail__contains="1234").exists()


def test_the_list_shows_the_persons_found_with_a_link_to_their_page(advisor_client, jens):
    content = advisor_client.get(LIST, {"q": "Hansen Jens"}).content.decode()
    assert reverse("advisor:person_detail", args=[jens.person_id]) in content
