"""Writes for letters and their templates. One service is one transaction, re-checks the
caller's permission, and logs every use of a citizen's data in the access log."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Extension, Forwarding
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.letters.channels import adapter_for
from borgerraadgiver.letters.fields import LetterContext, fields_check, fields_fill
from borgerraadgiver.letters.models import (
    Letter,
    LetterChannel,
    LetterKind,
    LetterTemplate,
    LetterTemplateVersion,
)
from borgerraadgiver.letters.permissions import can_write_letters
from borgerraadgiver.letters.rendering import LetterDocument, letter_pdf
from borgerraadgiver.letters.tasks import letter_send_enqueue
from borgerraadgiver.organisation.models import Office

SUBJECT_REQUIRED = gettext_lazy("Write the letter's subject.")
BODY_REQUIRED = gettext_lazy("Write the letter's text.")
NOT_FAILED = gettext_lazy("Only a letter whose sending failed can be sent again.")
ANONYMOUS = gettext_lazy("An anonymous inquiry has no one to write to.")


def _require_writer(user: User) -> None:
    if not can_write_letters(user):
        raise PermissionDenied


def _clean_text(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


@transaction.atomic
def letter_template_save(
    *,
    user: User,
    template: LetterTemplate | None,
    kind: str,
    name: str,
    subject: str,
    body: str,
    is_active: bool,
    now: datetime.datetime,
) -> LetterTemplate:
    """Save a letter template, new or changed. A field not in the list (`fields.FIELDS`) in the
    subject or the text is refused, naming it. A changed subject or text keeps the earlier
    version in the template's history."""
    _require_writer(user)
    subject, body = _clean_text(subject), _clean_text(body)
    errors: dict[str, list[str]] = {}
    for form_field, text in (("subject", subject), ("body", body)):
        try:
            fields_check(text, form_field=form_field)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    record = template or LetterTemplate(kind=kind)
    changed = template is None or (record.subject, record.body) != (subject, body)
    record.kind, record.name, record.is_active = kind, name.strip(), is_active
    record.subject, record.body, record.updated_by = subject, body, user
    record.full_clean()
    record.save()
    if changed:
        LetterTemplateVersion.objects.create(
            template=record, subject=subject, body=body, saved_by=user, saved_at=now
        )
    return record


def _checked(*, inquiry: Inquiry, kind: str, channel: str, subject: str, body: str) -> Person:
    """Refuse a letter whose kind, channel, subject or text will not do, saying why; the person
    it goes to."""
    if kind not in LetterKind.values:
        raise ValidationError({"kind": _("Choose what kind of letter it is.")})
    if channel not in LetterChannel.values:
        raise ValidationError({"channel": _("Choose how the letter is sent.")})
    reason = adapter_for(channel).unavailable_reason(inquiry)
    if reason is not None:
        raise ValidationError({"channel": reason})
    errors = {}
    if not subject:
        errors["subject"] = SUBJECT_REQUIRED
    if not body:
        errors["body"] = BODY_REQUIRED
    if errors:
        raise ValidationError(errors)
    fields_check(subject, form_field="subject")
    fields_check(body, form_field="body")
    if inquiry.person is None:  # every channel refuses an anonymous inquiry above; said once more
        raise ValidationError({"channel": ANONYMOUS})
    return inquiry.person


def _address(person: Person, channel: str) -> str:
    """Where the letter went: the e-mail address, the postal address, or the masked CPR number
    Digital Post found the citizen by."""
    return {
        LetterChannel.EMAIL: person.email,
        LetterChannel.PRINT: person.address,
        LetterChannel.DIGITAL_POST: person.cpr_masked,
    }[LetterChannel(channel)]


def _filled_and_rendered(
    *,
    user: User,
    inquiry: Inquiry,
    person: Person,
    forwarding: Forwarding | None,
    extension: Extension | None,
    subject: str,
    body: str,
    now: datetime.datetime,
) -> tuple[str, str, bytes]:
    """The letter's subject and text with their fields filled in, and its PDF."""
    office = Office.load()
    context = LetterContext(
        inquiry=inquiry,
        office=office,
        today=timezone.localdate(now),
        advisor_name=user.get_full_name() or user.get_username(),
        forwarding=forwarding,
        extension=extension,
    )
    subject, body = fields_fill(subject, context)[:200], fields_fill(body, context)
    document = LetterDocument(
        subject=subject,
        body=body,
        recipient_name=person.name,
        recipient_address=person.address,
        case_number=inquiry.case_number,
        letter_date=context.today,
    )
    return subject, body, letter_pdf(document, office=office)


@transaction.atomic
def letter_create(
    *,
    user: User,
    inquiry: Inquiry,
    kind: str,
    template: LetterTemplate | None,
    forwarding: Forwarding | None,
    extension: Extension | None,
    subject: str,
    body: str,
    channel: str,
    now: datetime.datetime,
) -> Letter:
    """Make a letter as the advisor wrote it and send it by `channel` in the background.

    The channel must reach the citizen (e-mail only with an address and consent, Digital Post
    only with a CPR number and the SF1601 set-up, post only with an address; never for an
    anonymous inquiry): otherwise refused with the reason. A field left in braces is filled in
    as in a template, and an unknown one refused. The letter is rendered to its PDF and saved
    before anything is sent, so nothing is lost if the sending fails; the sending is queued
    when the transaction commits. Logged as a letter made.
    """
    _require_writer(user)
    subject, body = _clean_text(subject), _clean_text(body)
    person = _checked(inquiry=inquiry, kind=kind, channel=channel, subject=subject, body=body)
    subject, body, pdf = _filled_and_rendered(
        user=user,
        inquiry=inquiry,
        person=person,
        forwarding=forwarding,
        extension=extension,
        subject=subject,
        body=body,
        now=now,
    )
    letter = Letter.objects.create(
        inquiry=inquiry,
        kind=kind,
        template=template,
        forwarding=forwarding,
        extension=extension,
        subject=subject,
        body=body,
        channel=channel,
        recipient_name=person.name,
        recipient_address=_address(person, channel),
        pdf=pdf,
        created_by=user,
        created_at=now,
    )
    access_log_write(
        user=user,
        event=AccessEvent.LETTER_CREATED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
        detail=f"{letter.pk} {kind} {channel}",
    )
    transaction.on_commit(lambda: letter_send_enqueue(letter.pk))
    return letter


@transaction.atomic
def letter_retry(*, user: User, letter: Letter, now: datetime.datetime) -> Letter:
    """Send a failed letter again: it waits for the queue with its attempts counted afresh.
    The last error stays on it until an attempt succeeds. Logged."""
    _require_writer(user)
    locked = Letter.objects.select_for_update(of=("self",)).defer("pdf").get(pk=letter.pk)
    if locked.status != Letter.Status.FAILED:
        raise ValidationError(NOT_FAILED)
    locked.status = Letter.Status.QUEUED
    locked.attempts = 0
    locked.save(update_fields=["status", "attempts"])
    access_log_write(
        user=user,
        event=AccessEvent.LETTER_RETRIED,
        now=now,
        inquiry_id=letter.inquiry_id,
        person_id=letter.inquiry.person_id,
        detail=str(letter.pk),
    )
    transaction.on_commit(lambda: letter_send_enqueue(locked.pk))
    return locked


def letter_pdf_open(*, user: User, letter: Letter, now: datetime.datetime) -> bytes:
    """The letter's PDF for a download: logged as a read of the citizen's letter."""
    _require_writer(user)
    access_log_write(
        user=user,
        event=AccessEvent.LETTER_DOWNLOADED,
        now=now,
        inquiry_id=letter.inquiry_id,
        person_id=letter.inquiry.person_id,
        detail=str(letter.pk),
    )
    return bytes(letter.pdf)
