"""The letter pages as the advisor uses them, and as nobody else may."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.letters.models import Letter, LetterChannel, LetterKind
from tests.conftest import _client_for
from tests.factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db


def _new_url(inquiry: Inquiry, query: str = "kind=receipt") -> str:
    return reverse("letters:letter_new", args=[inquiry.pk]) + "?" + query


def test_the_receipt_is_proposed_filled_in_and_sent_by_email(
    inquiry, advisor_client, django_capture_on_commit_callbacks
):
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert "?kind=receipt" in page.content.decode()

    form = advisor_client.get(_new_url(inquiry))
    text = form.content.decode()
    assert form.status_code == 200
    assert "Kære Jens Prøvesen" in text
    assert "BR-2026-0042" in text
    initial = form.context["form"].initial

    with django_capture_on_commit_callbacks(execute=True):
        sent = advisor_client.post(
            _new_url(inquiry),
            {
                "once": form.context["form"]["once"].value(),
                "kind": "receipt",
                "template": initial["template"].pk,
                "subject": initial["subject"],
                "body": initial["body"] + "\n\nVi ringer til dig på fredag.",
                "channel": "email",
            },
        )

    assert sent.status_code == 302
    letter = Letter.objects.get()
    assert letter.status == Letter.Status.SENT
    assert letter.body.endswith("Vi ringer til dig på fredag.")
    assert mail.outbox[0].attachments[0][0] == letter.file_name
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    text = page.content.decode()
    assert "?kind=receipt" not in text  # made: no longer proposed
    assert reverse("letters:letter_pdf", args=[letter.pk]) in text
    assert [entry.subject for entry in page.context["timeline"] if entry.kind == "letter"] == [
        letter
    ]


def test_the_letter_page_runs_a_fixed_number_of_queries_and_is_logged(
    inquiry, advisor_client, django_assert_num_queries
):
    advisor_client.get(_new_url(inquiry))
    # The inquiry here has no contacts, actions, changes, documents or notes: none of those
    # lists is read (issue 18).
    with django_assert_num_queries(6):
        advisor_client.get(_new_url(inquiry))
    assert AccessLogEntry.objects.filter(
        event=AccessEvent.LETTER_FORM_VIEWED, inquiry_id=inquiry.pk
    ).exists()


def test_a_missing_subject_keeps_the_text_and_names_the_field(inquiry, advisor_client):
    form = advisor_client.get(_new_url(inquiry)).context["form"]
    response = advisor_client.post(
        _new_url(inquiry),
        {
            "once": form["once"].value(),
            "kind": "receipt",
            "subject": "",
            "body": "Min tekst, som ikke må gå tabt.",
            "channel": "email",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["subject"] == ["Skriv brevets emne."]
    assert "Min tekst, som ikke må gå tabt." in response.content.decode()
    assert not Letter.objects.exists()


def test_an_anonymous_inquiry_offers_no_channel_and_says_why(advisor_client):
    anonymous = InquiryFactory(person=None, complainant_kind=ComplainantKind.ANONYMOUS)
    response = advisor_client.get(_new_url(anonymous, "kind=free"))
    text = response.content.decode()
    assert "Ingen kanal når frem til denne borger" in text
    assert "Henvendelsen er anonym: Digital Post kræver et CPR-nummer" in text
    assert "<textarea" not in text


def test_a_template_with_an_unknown_field_is_refused_on_the_page(advisor_client):
    response = advisor_client.post(
        reverse("letters:template_new"),
        {"kind": "free", "name": "Rykker", "subject": "Rykker", "body": "Kære {borgernavn}"},
    )
    assert response.status_code == 400
    assert "Ukendt flettefelt i teksten: {borgernavn}" in response.content.decode()


def test_downloading_the_pdf_is_logged(inquiry, advisor, advisor_client, now):
    letter = Letter.objects.create(
        inquiry=inquiry,
        kind=LetterKind.CLOSING,
        subject="Afslutning",
        body="Tekst",
        channel=LetterChannel.PRINT,
        recipient_name="Jens Prøvesen",
        pdf=b"%PDF-1.7 letter",
        created_at=now,
        created_by=advisor,
    )
    response = advisor_client.get(reverse("letters:letter_pdf", args=[letter.pk]))
    assert response.status_code == 200
    assert response.content == b"%PDF-1.7 letter"
    assert response["Content-Disposition"] == f'attachment; filename="{letter.file_name}"'
    assert AccessLogEntry.objects.filter(
        event=AccessEvent.LETTER_DOWNLOADED, inquiry_id=inquiry.pk, person_id=inquiry.person_id
    ).exists()


def test_a_department_manager_cannot_reach_a_letter_or_its_page(inquiry, now):
    manager = UserFactory()
    manager.managed_departments.add(inquiry.department)
    letter = Letter.objects.create(
        inquiry=inquiry,
        kind=LetterKind.RECEIPT,
        subject="Kvittering",
        body="Tekst",
        channel=LetterChannel.PRINT,
        recipient_name="Jens Prøvesen",
        pdf=b"%PDF-1.7",
        created_at=now,
    )
    client = _client_for(manager)
    assert client.get(_new_url(inquiry)).status_code == 404
    assert client.get(reverse("letters:letter_pdf", args=[letter.pk])).status_code == 404
    assert client.post(reverse("letters:letter_retry", args=[letter.pk])).status_code == 404
    assert client.get(reverse("letters:template_list")).status_code == 403
    assert not AccessLogEntry.objects.filter(inquiry_id=inquiry.pk).exists()


def test_a_failed_letter_is_on_the_front_page_with_send_again(inquiry, advisor_client, now):
    letter = Letter.objects.create(
        inquiry=inquiry,
        kind=LetterKind.RECEIPT,
        subject="Kvittering for din henvendelse",
        body="Tekst",
        channel=LetterChannel.EMAIL,
        recipient_name="Jens Prøvesen",
        pdf=b"%PDF-1.7",
        status=Letter.Status.FAILED,
        attempts=5,
        last_error="Mailserveren svarer ikke",
        last_attempt_at=now - datetime.timedelta(hours=1),
        created_at=now - datetime.timedelta(hours=2),
    )
    text = advisor_client.get(reverse("advisor:home")).content.decode()
    assert "Breve, der ikke blev sendt (1)" in text
    assert "Mailserveren svarer ikke" in text
    assert reverse("letters:letter_retry", args=[letter.pk]) in text
