"""A person's access log and export (advisors), the log search (administrators)."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.audit.services import access_log_write
from tests.factories import (
    AdministratorFactory,
    AdvisorFactory,
    InquiryFactory,
    PersonFactory,
    UserFactory,
    submission_sent,
)
from tests.helpers import at
from tests.privacy.helpers import SECRET, full_inquiry

pytestmark = pytest.mark.django_db


def _shown(event: AccessEvent) -> str:
    """The event as a page in the office's language shows it."""
    with translation.override(settings.LANGUAGE_CODE):
        return escape(str(event.label))


@pytest.fixture
def person():
    return PersonFactory(name="Birthe Logsen", cpr="0101901234")


@pytest.fixture
def inquiry(person):
    return full_inquiry(person=person, closed=None)


def _urls(person):
    return {
        "person": reverse("privacy:person_access_log", args=[person.pk]),
        "json": reverse("privacy:person_export_json", args=[person.pk]),
        "pdf": reverse("privacy:person_export_pdf", args=[person.pk]),
    }


# A person's access log ----------------------------------------------------------------------


def test_the_inquiry_page_links_to_the_persons_access_log(advisor_client, inquiry, person):
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert _urls(person)["person"] in page.content.decode()


def test_person_log_lists_accesses_to_the_person_and_to_their_inquiries(
    advisor_client, advisor, inquiry, person
):
    other = InquiryFactory()
    colleague = AdvisorFactory(username="kollega")
    access_log_write(
        user=colleague,
        event=AccessEvent.INQUIRY_EDIT_FORM_VIEWED,
        now=at(datetime.date(2024, 5, 2)),
        inquiry_id=inquiry.pk,
    )
    access_log_write(
        user=colleague,
        event=AccessEvent.INQUIRIES_SEARCHED,
        now=at(datetime.date(2024, 5, 3)),
        person_id=person.pk,
        detail="Logsen",
    )
    access_log_write(
        user=colleague,
        event=AccessEvent.INQUIRY_VIEWED,
        now=at(datetime.date(2024, 5, 4)),
        inquiry_id=other.pk,
        person_id=other.person_id,
    )

    page = advisor_client.get(_urls(person)["person"]).content.decode()

    assert _shown(AccessEvent.INQUIRY_EDIT_FORM_VIEWED) in page and "Logsen" in page
    assert other.case_number not in page
    assert inquiry.case_number in page
    assert "010190-****" in page and "010190-1234" not in page
    # Reading the log is logged.
    assert AccessLogEntry.objects.filter(
        user=advisor, person_id=person.pk, event=AccessEvent.PERSON_ACCESS_LOG_VIEWED
    ).exists()


def test_person_log_runs_a_fixed_number_of_queries(
    advisor_client, inquiry, person, django_assert_num_queries
):
    for day in range(1, 30):
        access_log_write(
            user=None,
            event=AccessEvent.INQUIRY_VIEWED,
            now=at(datetime.date(2024, 5, day)),
            inquiry_id=inquiry.pk,
        )
    url = _urls(person)["person"]
    advisor_client.get(url)
    # The references of the person's web-form messages are one of them; the menu's count of
    # web-form submissions waiting is kept by the process (organisation.kept).
    with django_assert_num_queries(8):
        advisor_client.get(url)


@pytest.mark.parametrize("page", ["person", "json", "pdf"])
@pytest.mark.parametrize(
    "role", ["plain_client", "administrator_client", "manager_client", "report_reader_client"]
)
def test_only_advisors_see_a_persons_data(request, person, inquiry, role, page):
    client = request.getfixturevalue(role)
    response = client.get(_urls(person)[page])
    assert response.status_code == 404
    assert "Logsen" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(action="export").exists()


def test_anonymous_visitors_are_sent_to_log_in(client, person):
    for url in _urls(person).values():
        assert client.get(url).status_code == 302


def test_an_unknown_person_is_not_found(advisor_client):
    assert advisor_client.get(reverse("privacy:person_access_log", args=[999])).status_code == 404


# Data-subject export ------------------------------------------------------------------------


def test_json_export_holds_everything_about_the_person_and_is_logged(
    advisor_client, advisor, inquiry, person
):
    response = advisor_client.get(_urls(person)["json"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["person"]["name"] == "Birthe Logsen"
    assert data["person"]["cpr"] == "010190-****"
    (record,) = data["inquiries"]
    assert record["case_number"] == inquiry.case_number
    assert record["summary"].startswith(SECRET)
    assert record["contacts"][0]["note"].startswith(SECRET)
    assert record["consents"][0]["given_by"].startswith(SECRET)
    forwarding = record["forwardings"][0]
    assert forwarding["text"].startswith(SECRET)
    assert forwarding["answer_text"].startswith(SECRET)
    assert forwarding["attachments"][0]["name"] == f"{SECRET}-afgørelse.pdf"
    assert forwarding["extensions"][0]["reason"].startswith(SECRET)
    assert forwarding["follow_up_questions"][0]["text"].startswith(SECRET)
    assert record["notes"][0]["text"] == f"{SECRET} notat"
    (document,) = record["documents"]
    assert (document["title"], document["description"]) == (
        f"{SECRET} afgørelse",
        f"{SECRET} fra Jobcentret",
    )
    assert [file["name"] for file in document["files"]] == [f"{SECRET}-brev.pdf"]
    # The export is logged, and its own log shows it.
    exports = AccessLogEntry.objects.filter(action="export", user=advisor)
    assert set(exports.values_list("inquiry_id", "person_id")) == {
        (None, person.pk),
        (inquiry.pk, person.pk),
    }
    assert any(entry["action"] == "export" for entry in data["access_log"])
    assert "0101901234" not in response.content.decode()


def test_pdf_export_is_a_readable_pdf(advisor_client, inquiry, person):
    from io import BytesIO

    from pypdf import PdfReader

    response = advisor_client.get(_urls(person)["pdf"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Birthe Logsen" in text
    assert inquiry.case_number in text
    assert f"{SECRET} svar" in text
    assert f"{SECRET} notat" in text and f"{SECRET} afgørelse" in text
    assert f"{SECRET}-brev.pdf" in text
    assert "010190-****" in text
    assert AccessLogEntry.objects.filter(action="export", detail__contains="pdf").exists()


# The administrator's log search --------------------------------------------------------------


@pytest.fixture
def log_rows():
    someone = UserFactory(username="someone")
    other = UserFactory(username="other")
    inquiry = InquiryFactory(case_number="BR-2024-0042")
    for day in (1, 2, 3):
        access_log_write(
            user=someone,
            event=AccessEvent.INQUIRY_VIEWED,
            now=at(datetime.date(2024, 3, day)),
            inquiry_id=inquiry.pk,
        )
    access_log_write(
        user=someone,
        event=AccessEvent.INQUIRIES_SEARCHED,
        now=at(datetime.date(2024, 3, 2)),
        detail="Jensen",
    )
    access_log_write(
        user=someone,
        event=AccessEvent.INQUIRIES_EXPORTED,
        now=at(datetime.date(2024, 3, 2)),
        detail="q=Hansen, status=open",
    )
    access_log_write(
        user=other, event=AccessEvent.INQUIRY_VIEWED, now=at(datetime.date(2024, 3, 2))
    )
    return someone, other, inquiry


def test_administrator_searches_by_user_period_and_action(administrator_client, log_rows):
    someone, _other, _inquiry = log_rows
    url = reverse("privacy:access_log_search")
    response = administrator_client.get(
        url, {"user": someone.pk, "start": "2024-03-02", "end": "2024-03-02", "action": "view"}
    )
    assert response.status_code == 200
    entries = list(response.context["page"].object_list)
    assert [(e.user_id, e.at.date()) for e in entries] == [(someone.pk, datetime.date(2024, 3, 2))]
    assert "BR-2024-0042" in response.content.decode()


def test_an_administrator_who_is_not_an_advisor_sees_no_search_terms(
    administrator_client, administrator, log_rows
):
    page = administrator_client.get(reverse("privacy:access_log_search")).content.decode()
    assert "Jensen" not in page
    assert "Hansen" not in page  # an export's filters are search terms too
    # Reading the log is itself logged.
    assert AccessLogEntry.objects.filter(
        user=administrator, event=AccessEvent.ACCESS_LOG_SEARCHED
    ).exists()


def test_an_administrator_who_is_also_an_advisor_sees_them(client_for, log_rows):
    client = client_for(AdministratorFactory(username="both", is_advisor=True))
    page = client.get(reverse("privacy:access_log_search")).content.decode()
    assert "Jensen" in page
    assert "Hansen" in page


def test_log_search_pages_by_50_in_a_fixed_number_of_queries(
    administrator_client, django_assert_num_queries
):
    now = timezone.now()
    for _ in range(120):
        access_log_write(user=None, event=AccessEvent.INQUIRY_VIEWED, now=now, inquiry_id=1)
    url = reverse("privacy:access_log_search")
    response = administrator_client.get(url, {"page": 2})
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.num_pages == 3
    with django_assert_num_queries(7):
        administrator_client.get(url, {"page": 2})


def test_a_period_ending_before_it_starts_is_an_error(administrator_client):
    response = administrator_client.get(
        reverse("privacy:access_log_search"), {"start": "2024-03-02", "end": "2024-03-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"]


@pytest.mark.parametrize(
    "role", ["plain_client", "advisor_client", "manager_client", "report_reader_client"]
)
def test_others_cannot_search_the_log(request, role, log_rows):
    client = request.getfixturevalue(role)
    assert client.get(reverse("privacy:access_log_search")).status_code == 403


def test_reads_of_a_web_form_message_before_it_was_registered_are_in_the_persons_log(
    advisor_client, inquiry, person, now
):
    submission = submission_sent(now=now, client_address="10.0.0.7", name=person.name)
    other = submission_sent(
        now=now,
        client_address="10.0.0.8",
        name="En anden",
        phone="87 65 43 21",
        what_happened="Noget andet.",
    )
    advisor_client.get(reverse("intake:submission_detail", args=[submission.pk]))
    advisor_client.get(reverse("intake:submission_detail", args=[other.pk]))
    # Registered later as (a contact on) the person's inquiry.
    submission.inquiries.add(inquiry)

    data = json.loads(advisor_client.get(_urls(person)["json"]).content)

    details = [row["detail"] for row in data["access_log"]]
    assert submission.reference in details
    assert other.reference not in details
