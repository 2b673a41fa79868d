"""Making and sending a letter: the channel must reach the citizen, the letter and its PDF are
kept before the sending, a refused sending is retried and then shown as failed, and a failed
letter can be sent again. Nothing is lost."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.models import ComplainantKind
from borgerraadgiver.letters.channels import channel_options
from borgerraadgiver.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate
from borgerraadgiver.letters.selectors import failed_letters
from borgerraadgiver.letters.services import letter_create, letter_retry
from borgerraadgiver.letters.tasks import letter_send
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db

REFUSING = "tests.letters.test_sending.RefusingAdapter"


class RefusingAdapter:
    """A channel that is reachable and refuses every letter, as a mail server that is down."""

    def unavailable_reason(self, inquiry):
        return None

    def send(self, letter, *, office, now):
        from borgerraadgiver.letters.channels import LetterNotSent

        raise LetterNotSent("Forbindelsen blev afvist")


def _create(inquiry, advisor, now, channel=LetterChannel.EMAIL, **changes):
    template = LetterTemplate.objects.get(kind=LetterKind.RECEIPT)
    values = {
        "user": advisor,
        "inquiry": inquiry,
        "kind": LetterKind.RECEIPT,
        "template": template,
        "forwarding": None,
        "extension": None,
        "subject": "Kvittering for din henvendelse",
        "body": "Kære {citizen_name}\n\nVi har modtaget din sag {case_number}.",
        "channel": channel,
        "now": now,
    }
    values.update(changes)
    return letter_create(**values)


def _events(inquiry):
    return list(
        AccessLogEntry.objects.filter(inquiry_id=inquiry.pk)
        .order_by("at", "id")
        .values_list("event", flat=True)
    )


def test_a_receipt_by_email_reaches_the_citizen_with_its_pdf(
    inquiry, advisor, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _create(inquiry, advisor, now)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    assert letter.attempts == 1
    assert letter.body == "Kære Jens Prøvesen\n\nVi har modtaget din sag BR-2026-0042."
    assert letter.recipient_address == "jens@example.com"
    assert letter.sent_at is not None
    [message] = mail.outbox
    assert message.to == ["jens@example.com"]
    assert "BR-2026-0042" in message.subject
    [(name, content, content_type)] = message.attachments
    assert (name, content_type) == (letter.file_name, "application/pdf")
    assert content == bytes(letter.pdf) and content.startswith(b"%PDF-")
    assert _events(inquiry) == [AccessEvent.LETTER_CREATED, AccessEvent.LETTER_SENT]


def test_email_needs_an_address_and_the_citizens_consent(advisor, now):
    without_consent = InquiryFactory(person=PersonFactory(letters_by_email=False))

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        _create(without_consent, advisor, now)

    assert "has not agreed to letters by e-mail" in refused.value.message_dict["channel"][0]
    assert not Letter.objects.exists()


def test_an_anonymous_inquiry_has_no_channel_and_says_why(db):
    anonymous = InquiryFactory(person=None, complainant_kind=ComplainantKind.ANONYMOUS)

    with translation.override("en"):
        options = channel_options(anonymous)

    assert [option.available for option in options] == [False, False, False]
    assert all("anonymous" in (option.unavailable_reason or "") for option in options)


@translation.override("en")
def test_digital_post_is_not_offered_without_cpr_or_without_the_sf1601_set_up(inquiry):
    reasons = {option.channel: option.unavailable_reason for option in channel_options(inquiry)}
    assert "not set up on this server" in reasons[LetterChannel.DIGITAL_POST]

    no_cpr = InquiryFactory(person=PersonFactory(cpr=""))
    reasons = {option.channel: option.unavailable_reason for option in channel_options(no_cpr)}
    assert "No CPR number is recorded" in reasons[LetterChannel.DIGITAL_POST]


def test_a_refused_letter_is_retried_then_failed_shown_and_sent_again(
    inquiry, advisor, now, django_capture_on_commit_callbacks
):
    refusing = {"email": REFUSING, "print": REFUSING, "digital_post": REFUSING}
    with (
        override_settings(LETTER_ADAPTERS=refusing, LETTER_SEND_ATTEMPTS=3),
        django_capture_on_commit_callbacks(execute=True),
    ):
        letter = _create(inquiry, advisor, now)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.FAILED
    assert letter.attempts == 3
    assert letter.last_error == "Forbindelsen blev afvist"
    assert bytes(letter.pdf).startswith(b"%PDF-")  # nothing is lost
    assert [failed.pk for failed in failed_letters(user=advisor)] == [letter.pk]

    with django_capture_on_commit_callbacks(execute=True):
        letter_retry(user=advisor, letter=letter, now=now)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    assert letter.last_error == ""
    assert failed_letters(user=advisor) == []
    assert len(mail.outbox) == 1
    assert _events(inquiry) == [
        AccessEvent.LETTER_CREATED,
        AccessEvent.LETTER_RETRIED,
        AccessEvent.LETTER_SENT,
    ]


def test_only_a_failed_letter_can_be_sent_again(
    inquiry, advisor, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _create(inquiry, advisor, now)

    with pytest.raises(ValidationError):
        letter_retry(user=advisor, letter=letter, now=now)


def test_a_letter_for_post_waits_to_be_printed(
    inquiry, advisor, now, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        letter = _create(inquiry, advisor, now, channel=LetterChannel.PRINT)

    letter.refresh_from_db()
    assert letter.status == Letter.Status.SENT
    assert letter.recipient_address == "Søvej 4\n8700 Horsens"
    assert mail.outbox == []


def test_an_unknown_field_in_the_letter_is_refused_and_nothing_is_made(inquiry, advisor, now):
    with pytest.raises(ValidationError) as refused:
        _create(inquiry, advisor, now, body="Kære {borger}")

    assert "{borger}" in refused.value.message_dict["body"][0]
    assert not Letter.objects.exists()


def test_on_the_database_queue_a_refused_letter_waits_before_its_next_attempt(
    inquiry, advisor, now, django_capture_on_commit_callbacks
):
    """The worker's queue: the letter is queued when made, and a refused attempt queues the
    next one `LETTER_RETRY_SECONDS` later, the letter still waiting."""
    refusing = {"email": REFUSING, "print": REFUSING, "digital_post": REFUSING}
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue, LETTER_ADAPTERS=refusing, LETTER_RETRY_SECONDS=300):
        with django_capture_on_commit_callbacks(execute=True):
            letter = _create(inquiry, advisor, now)
        [first] = DBTaskResult.objects.all()
        assert first.task_path == "borgerraadgiver.letters.tasks.letter_send"
        assert first.args_kwargs["args"] == [letter.pk]

        letter_send.call(letter.pk)  # what the worker runs

    letter.refresh_from_db()
    assert (letter.status, letter.attempts) == (Letter.Status.QUEUED, 1)
    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert retry.run_after is not None
    assert retry.run_after - retry.enqueued_at >= datetime.timedelta(seconds=299)
