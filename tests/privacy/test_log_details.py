"""The access log reads in the reader's language: a row's detail by its typed event, dates as the
language writes them, on the log pages and in the data-subject export."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.privacy.log_details import detail_display
from tests.factories import AdvisorFactory, PersonFactory
from tests.helpers import at
from tests.privacy.helpers import full_inquiry

pytestmark = pytest.mark.django_db

CASES = [
    # event, detail as stored, Danish, English
    (AccessEvent.INQUIRY_CHANGED, "summary, status", "resumé, status", "summary, status"),
    (AccessEvent.PERSON_CHANGED, "phone, email", "telefon, e-mail", "phone, e-mail"),
    (AccessEvent.INQUIRY_LIST_VIEWED, "front page", "forsiden", "the front page"),
    (
        AccessEvent.INQUIRY_LIST_VIEWED,
        "forwardings area=3",
        "oversigten over oversendelser: area=3",
        "the forwardings overview: area=3",
    ),
    (
        AccessEvent.ACCESS_LOG_CLEANED,
        "12 entries before 2024-01-01T00:00:00+01:00 deleted (kept for 24 months)",
        "12 rækker fra før 01.01.2024 slettet (gemt i 24 måneder)",
        "12 entries before 01/01/2024 deleted (kept for 24 months)",
    ),
    (
        AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        "2024 (pdf), edition 2",
        "2024 (pdf), 2. udgave",
        "2024 (pdf), edition 2",
    ),
    (
        AccessEvent.CASE_EXAMPLE_FINDING_DISMISSED,
        "phone: it is the office's number",
        "Telefonnummer: it is the office's number",
        "Phone number: it is the office's number",
    ),
    (AccessEvent.ACTIVITY_CHANGED, "7: 2024-03-04 Oplæg", "7: 04.03.2024 Oplæg", None),
    (AccessEvent.INQUIRIES_SEARCHED, "Åse Jensen", "Åse Jensen", "Åse Jensen"),
    (AccessEvent.INQUIRY_CHANGED, "a_field_since_removed", "a_field_since_removed", None),
]


@pytest.mark.parametrize(("event", "stored", "danish", "english"), CASES)
def test_a_rows_detail_reads_in_the_readers_language(event, stored, danish, english):
    with translation.override("da"):
        assert detail_display(event=event, detail=stored) == danish
    if english is not None:
        with translation.override("en"):
            assert detail_display(event=event, detail=stored) == english


def test_the_persons_log_and_the_pdf_export_show_details_and_dates_in_danish(advisor_client):
    person = PersonFactory(name="Birthe Logsen")
    inquiry = full_inquiry(person=person, closed=None)
    access_log_write(
        user=AdvisorFactory(username="kollega"),
        event=AccessEvent.INQUIRY_CHANGED,
        now=at(datetime.date(2024, 5, 2)),
        inquiry_id=inquiry.pk,
        person_id=person.pk,
        detail="summary, status",
    )

    page = advisor_client.get(reverse("privacy:person_access_log", args=[person.pk]))
    assert "resumé, status" in page.content.decode()

    response = advisor_client.get(reverse("privacy:person_export_pdf", args=[person.pk]))
    pages = PdfReader(BytesIO(response.content)).pages
    text = " ".join(" ".join(p.extract_text() for p in pages).split())
    assert "resumé, status" in text and "summary, status" not in text
    assert "02.05.2024" in text  # the log row's day, as a Dane writes it
    assert inquiry.received_date.strftime("%d.%m.%Y") in text
    assert inquiry.received_date.isoformat() not in text
