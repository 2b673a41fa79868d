"""The inquiry page's documents, notes and follow-up date, the front page's "Resume today", and
the case's print view, as an advisor meets them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.inquiries.models import InquiryDocument
from borgerraadgiver.inquiries.services.case_file import (
    inquiry_document_add,
    inquiry_note_add,
)
from tests.advisor.test_inquiry_pages import DETAIL_QUERIES
from tests.factories import ContactFactory, InquiryFactory, ReasonFactory
from tests.helpers import at, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

PDF = b"%PDF-1.7\n"


def document(inquiry, advisor, title="Afgørelse fra Jobcentret", files=1):
    return inquiry_document_add(
        inquiry=inquiry,
        added_by=advisor,
        now=timezone.now(),
        title=title,
        attachments=[SimpleUploadedFile(f"brev{n}.pdf", PDF) for n in range(files)],
    )


def test_the_inquiry_page_lists_documents_and_shows_notes_in_the_timeline(advisor_client, advisor):
    inquiry = InquiryFactory()
    file = document(inquiry, advisor).files.get()
    inquiry_note_add(inquiry=inquiry, written_by=advisor, now=timezone.now(), text="Ring fredag")

    content = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content
    page = content.decode()
    assert "Afgørelse fra Jobcentret" in page
    assert reverse("advisor:document_download", args=[inquiry.pk, file.pk]) in page
    assert "Ring fredag" in page and "timeline-note" in page
    assert reverse("advisor:inquiry_print", args=[inquiry.pk]) in page


def test_the_inquiry_page_runs_one_more_query_with_documents_however_many(advisor_client, advisor):
    inquiry = InquiryFactory()
    ContactFactory(inquiry=inquiry)
    url = reverse("advisor:inquiry_detail", args=[inquiry.pk])
    document(inquiry, advisor)
    inquiry_note_add(inquiry=inquiry, written_by=advisor, now=timezone.now(), text="Notat")
    one = queries_for(advisor_client, url)
    for n in range(4):
        document(inquiry, advisor, title=f"Brev {n}", files=2)
        inquiry_note_add(inquiry=inquiry, written_by=advisor, now=timezone.now(), text=f"{n}")
    # + the documents, their files and the notes, each one query however many
    assert queries_for(advisor_client, url) == one == DETAIL_QUERIES + 3


def test_a_document_with_a_bad_file_comes_back_with_the_error_and_nothing_stored(
    advisor_client,
):
    inquiry = InquiryFactory()
    response = advisor_client.post(
        reverse("advisor:document_add", args=[inquiry.pk]),
        {
            "document-title": "Mødereferat",
            "document-attachments": [SimpleUploadedFile("referat.pdf", b"MZ\x90")],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "referat.pdf" in page and 'value="Mødereferat"' in page
    assert not InquiryDocument.objects.exists()


def test_a_document_added_and_removed_through_the_page(advisor_client):
    inquiry = InquiryFactory()
    response = advisor_client.post(
        reverse("advisor:document_add", args=[inquiry.pk]),
        {
            "document-title": "Mødereferat",
            "document-attachments": [SimpleUploadedFile("referat.pdf", PDF)],
        },
    )
    assert response.status_code == 302
    added = InquiryDocument.objects.get(inquiry=inquiry)
    download = advisor_client.get(
        reverse("advisor:document_download", args=[inquiry.pk, added.files.get().pk])
    )
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == PDF

    advisor_client.post(reverse("advisor:document_remove", args=[inquiry.pk, added.pk]))
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert not InquiryDocument.objects.exists()
    assert "Mødereferat" in page  # in the change record, as the value before


def test_a_follow_up_date_brings_the_inquiry_to_the_front_page_on_that_day(advisor_client):
    today = timezone.localdate()
    inquiry = InquiryFactory(received_date=today, reasons=[ReasonFactory(name="Manglende svar")])
    later = InquiryFactory(received_date=today)
    closed = InquiryFactory(received_date=today, status="closed", closed_date=today)
    advisor_client.post(
        reverse("advisor:follow_up_set", args=[inquiry.pk]),
        {"follow_up-follow_up_date": today.isoformat()},
    )
    advisor_client.post(
        reverse("advisor:follow_up_set", args=[later.pk]),
        {"follow_up-follow_up_date": (today + datetime.timedelta(days=1)).isoformat()},
    )
    type(closed).objects.filter(pk=closed.pk).update(follow_up_date=today)

    page = advisor_client.get(reverse("advisor:home")).content.decode()
    section = page.split('id="resume-heading"')[1].split("</section>")[0]
    assert inquiry.case_number in section and "manglende svar" in section
    assert later.case_number not in section and closed.case_number not in section
    change = inquiry.changes.get()
    assert change.field == "follow_up_date"


def test_the_front_page_runs_the_same_queries_for_one_or_many_to_resume(advisor_client):
    today = timezone.localdate()
    InquiryFactory(follow_up_date=today)
    few = queries_for(advisor_client, reverse("advisor:home"))
    for _ in range(5):
        InquiryFactory(follow_up_date=today - datetime.timedelta(days=2))
    assert queries_for(advisor_client, reverse("advisor:home")) == few


# The print view ---------------------------------------------------------------------------


@pytest.fixture
def whole_case(make_sent, advisor):
    forwarding = make_sent(datetime.date(2024, 3, 6))
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Afdelingen beklager ventetiden.",
        attachments=[SimpleUploadedFile("svar.pdf", PDF)],
    )
    inquiry = forwarding.inquiry
    ContactFactory(inquiry=inquiry, note="Borgeren ringede")
    document(inquiry, advisor, title="Afgørelse om hjælpemidler")
    inquiry_note_add(inquiry=inquiry, written_by=advisor, now=timezone.now(), text="Ring fredag")
    return inquiry


def test_the_print_view_holds_the_whole_case_and_nothing_to_click(advisor_client, whole_case):
    response = advisor_client.get(reverse("advisor:inquiry_print", args=[whole_case.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    for expected in (
        whole_case.case_number,
        whole_case.person.name,
        "Borgeren ringede",
        "Ring fredag",
        "Borgeren venter på svar.",
        "Afdelingen beklager ventetiden.",
        "svar.pdf",
        "Afgørelse om hjælpemidler",
        "css/print.css",
    ):
        assert expected in page, expected
    assert "<form" not in page and "<button" not in page and "<nav" not in page


def test_opening_the_print_view_is_logged_as_a_print(advisor_client, advisor, whole_case):
    advisor_client.get(reverse("advisor:inquiry_print", args=[whole_case.pk]))
    entry = AccessLogEntry.objects.filter(inquiry_id=whole_case.pk).latest("id")
    assert (entry.event, entry.action, entry.user, entry.person_id) == (
        "inquiry_printed",
        "view",
        advisor,
        whole_case.person_id,
    )
    assert not AccessLogEntry.objects.filter(event="inquiry_viewed").exists()


def test_the_print_view_runs_a_fixed_number_of_queries(advisor_client, advisor, whole_case):
    url = reverse("advisor:inquiry_print", args=[whole_case.pk])
    few = queries_for(advisor_client, url)
    for n in range(3):
        ContactFactory(inquiry=whole_case, note=f"Kontakt {n}")
        document(whole_case, advisor, title=f"Brev {n}", files=2)
        inquiry_note_add(inquiry=whole_case, written_by=advisor, now=timezone.now(), text=f"{n}")
    assert queries_for(advisor_client, url) == few
    # session, the inquiry (with its reasons' ids), contacts, changes, documents, their files,
    # notes (read by the one `inquiry_get`; the case has no counted actions, so that list is not
    # read), the access-log row, the forwardings with their extensions, follow-up questions and
    # files, the letters, the lists' token (the office's name, the user and its second factor
    # are kept: organisation.kept)
    assert few == 14
