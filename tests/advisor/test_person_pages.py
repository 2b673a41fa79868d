"""The person's page, correcting the details and merging two records (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry, Person, PersonChange
from borgerraadgiver.inquiries.services.people import MERGE_DIFFERENT_CPR
from tests.factories import AdvisorFactory, InquiryFactory, PersonFactory
from tests.helpers import queries_for
from tests.login import verified_client

pytestmark = pytest.mark.django_db

# session, the person (with whether they were ever corrected or had records merged in), their
# inquiries (with whether each has forwardings, consents, declines and web-form messages), the
# access-log rows of the page shown, and the lists' token (the office's name in the header,
# who manages a department, the user and its authenticator app and the menu's count of web-form
# submissions waiting are kept: organisation.kept); +1 for each of those six lists that has a
# row (issue 18)
PERSON_PAGE_QUERIES = 5


def _detail(person):
    return reverse("advisor:person_detail", args=[person.pk])


def test_the_page_shows_every_inquiry_with_its_deadline_consent_and_message(
    advisor_client, make_sent
):
    sent = make_sent(datetime.date(2024, 3, 6))
    person = sent.inquiry.person
    closed = InquiryFactory(
        person=person,
        status="closed",
        closed_date=datetime.date(2024, 2, 1),
        received_date=datetime.date(2024, 1, 10),
    )
    content = advisor_client.get(_detail(person)).content.decode()
    assert sent.inquiry.case_number in content
    assert closed.case_number in content
    assert (
        sent.deadline_date.strftime("%d.%m.%Y") in content or str(sent.deadline_date.day) in content
    )
    assert reverse("advisor:forwarding_detail", args=[sent.pk]) in content
    assert reverse("privacy:person_access_log", args=[person.pk]) in content


def test_the_page_runs_a_fixed_number_of_queries(advisor_client, make_sent):
    sent = make_sent(datetime.date(2024, 3, 6))
    person = sent.inquiry.person
    # The forwarding and its consent are read, one query each.
    assert queries_for(advisor_client, _detail(person)) == PERSON_PAGE_QUERIES + 2
    for day in (7, 8, 11):
        more = make_sent(datetime.date(2024, 3, day))
        Inquiry.objects.filter(pk=more.inquiry_id).update(person=person)
    assert queries_for(advisor_client, _detail(person)) == PERSON_PAGE_QUERIES + 2
    for version in (2, 3, 4):
        PersonChange.objects.create(
            person=person, changed_at=sent.created_at, version=version, field="phone"
        )
    # The corrections are read now, one query however many; still no query for the merges.
    assert queries_for(advisor_client, _detail(person)) == PERSON_PAGE_QUERIES + 3
    page = advisor_client.get(_detail(person))
    assert len(page.context["page"].changes) == 3 and page.context["page"].merges == []


def test_a_person_without_forwardings_or_messages_costs_no_query_for_them(
    advisor_client, make_sent
):
    person = PersonFactory()
    InquiryFactory(person=person)
    InquiryFactory(person=person)
    assert queries_for(advisor_client, _detail(person)) == PERSON_PAGE_QUERIES
    # One inquiry with a forwarding beside one without: each shows its own, and only the
    # forwardings and consents are read.
    sent = make_sent(datetime.date(2024, 3, 6))
    Inquiry.objects.filter(pk=sent.inquiry_id).update(person=person)
    assert queries_for(advisor_client, _detail(person)) == PERSON_PAGE_QUERIES + 2
    inquiries = advisor_client.get(_detail(person)).context["page"].inquiries
    forwardings = {inquiry.pk: list(inquiry.forwardings.all()) for inquiry in inquiries}
    assert forwardings.pop(sent.inquiry_id) == [sent]
    assert list(forwardings.values()) == [[], []]
    content = advisor_client.get(_detail(person)).content.decode()
    assert reverse("advisor:forwarding_detail", args=[sent.pk]) in content


def test_reading_the_page_is_logged_for_the_person_and_each_inquiry(advisor_client, advisor):
    inquiry = InquiryFactory(person=PersonFactory())
    advisor_client.get(_detail(inquiry.person))
    rows = AccessLogEntry.objects.filter(event=AccessEvent.PERSON_VIEWED, user=advisor)
    assert rows.filter(person_id=inquiry.person_id, inquiry_id=None).exists()
    assert rows.filter(person_id=inquiry.person_id, inquiry_id=inquiry.pk).exists()


def test_the_inquiry_page_links_to_the_person(advisor_client):
    inquiry = InquiryFactory(person=PersonFactory())
    content = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content
    assert _detail(inquiry.person).encode() in content


def test_a_correction_is_saved_and_shown_on_the_page(advisor_client):
    person = PersonFactory(name="Jens Hansen", cpr="0101901234")
    url = reverse("advisor:person_edit", args=[person.pk])
    response = advisor_client.post(
        url,
        {
            "name": "Jens Hansen",
            "phone": "11 22 33 44",
            "email": "",
            "address": "Torvet 1",
            "cpr": "0202801234",
            "version": person.version,
        },
    )
    assert response.status_code == 302
    content = advisor_client.get(_detail(person)).content.decode()
    assert "Torvet 1" in content
    assert "020280-****" in content and "010190-****" in content
    assert "0202801234" not in content


def test_a_correction_on_a_stale_form_answers_409_and_keeps_what_was_typed(advisor_client):
    person = PersonFactory(name="Jens Hansen")
    url = reverse("advisor:person_edit", args=[person.pk])
    colleague = verified_client(AdvisorFactory())
    colleague.post(url, {"name": "Jens Hansen", "phone": "11223344", "version": 1})
    response = advisor_client.post(url, {"name": "Jens H. Hansen", "phone": "", "version": 1})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Jens H. Hansen" in content  # what was typed
    assert "11223344" in content  # the colleague's change
    person.refresh_from_db()
    assert person.name == "Jens Hansen"


def test_a_bad_cpr_number_is_shown_next_to_its_field(advisor_client):
    person = PersonFactory()
    response = advisor_client.post(
        reverse("advisor:person_edit", args=[person.pk]),
        {"name": person.name, "cpr": "12345", "version": person.version},
    )
    assert response.status_code == 400
    assert 'id="id_cpr-error"' in response.content.decode()


def test_merging_from_the_page_keeps_the_chosen_record(advisor_client):
    this, other = PersonFactory(name="Jens Hansen"), PersonFactory(name="Hansen Jens")
    moved = InquiryFactory(person=other)
    url = reverse("advisor:person_merge", args=[this.pk])
    found = advisor_client.get(url, {"q": "Jens Hansen"}).content.decode()
    assert f"?other={other.pk}" in found
    compared = advisor_client.get(url, {"other": other.pk}).content.decode()
    assert moved.case_number in compared
    response = advisor_client.post(url, {"other": other.pk, "keep": "this"})
    assert response.status_code == 302
    assert response["Location"] == _detail(this)
    assert not Person.objects.filter(pk=other.pk).exists()
    moved.refresh_from_db()
    assert moved.person == this


def test_merging_records_with_different_cpr_numbers_is_refused_with_the_reason(advisor_client):
    this, other = PersonFactory(cpr="0101901234"), PersonFactory(cpr="0202805678")
    response = advisor_client.post(
        reverse("advisor:person_merge", args=[this.pk]), {"other": other.pk, "keep": "this"}
    )
    assert response.status_code == 400
    assert str(MERGE_DIFFERENT_CPR) in response.content.decode()
    assert Person.objects.filter(pk=other.pk).exists()
