"""Writes for the web form: a citizen's submission, and the advisor reading or rejecting it
(registering it by the registration rules is `registration.py`).

`submission_create` is the one write an anonymous visitor can cause. It is rate-limited per client
address in the database (so every server process counts together), checks the attachments by the
app's one rule (`core/attachments.py`: count, size, type by content), draws a random reference
number, and e-mails a receipt without the content.
"""

import datetime
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.core.paginator import Page
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.attachments import attachments_check, attachments_create
from borgerraadgiver.inquiries.models import ComplainantKind
from borgerraadgiver.intake.models import (
    Submission,
    SubmissionAttachment,
    SubmissionThrottle,
)
from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.intake.quota import daily_files_check
from borgerraadgiver.intake.selectors import submission_list
from borgerraadgiver.organisation.kept import INBOX_TOKEN, lists_lock
from borgerraadgiver.organisation.models import Area, Department, Office

# A reference says nothing about how many messages came before it: a random code per message,
# in letters and digits that cannot be mistaken for one another when read aloud on the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6


def rate_limit() -> tuple[int, datetime.timedelta]:
    """(submissions allowed, per window) for one client address."""
    return (
        settings.INTAKE_RATE_LIMIT,
        datetime.timedelta(minutes=settings.INTAKE_RATE_WINDOW_MINUTES),
    )


def client_hash(address: str) -> str:
    """A keyed hash of the client's address: enough to count with, useless to anyone reading it."""
    key = hashlib.sha256(f"intake-throttle:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class SubmissionData:
    complainant_kind: str
    what_happened: str
    consents_to_contact: bool
    what_they_want: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    area: Area | None = None
    department: Department | None = None


def _throttle(*, client: str, now: datetime.datetime) -> None:
    """Count one submission from `client`; refuse it when the window's limit is reached.

    The client's row is locked while counting, so two processes cannot both let the sixth in.
    Windows that have ended are deleted: the hash is kept no longer than it is needed.
    """
    limit, window = rate_limit()
    SubmissionThrottle.objects.filter(window_started_at__lt=now - window).delete()
    throttle, _created = SubmissionThrottle.objects.select_for_update().get_or_create(
        client_hash=client, defaults={"window_started_at": now, "count": 0}
    )
    if throttle.count >= limit:
        minutes = max(1, int((throttle.window_started_at + window - now).total_seconds() // 60))
        raise ValidationError(
            ngettext(
                "You have sent several messages in a short time. To protect the form against "
                "misuse, wait %(minutes)d minute and send it again. Nothing you typed is lost.",
                "You have sent several messages in a short time. To protect the form against "
                "misuse, wait %(minutes)d minutes and send it again. Nothing you typed is lost.",
                minutes,
            )
            % {"minutes": minutes},
            code="rate_limited",
        )
    SubmissionThrottle.objects.filter(pk=throttle.pk).update(count=F("count") + 1)


def _check_data(data: SubmissionData, *, today: datetime.date) -> None:
    errors: dict[str, list[str]] = {}
    contact = (data.name, data.phone, data.email, data.address)
    if data.complainant_kind not in ComplainantKind.values:
        errors.setdefault("complainant_kind", []).append(_("Choose who you are."))
    elif data.complainant_kind == ComplainantKind.ANONYMOUS:
        if any(contact):
            errors.setdefault("name", []).append(
                _("An anonymous message holds no name or contact details. Remove them.")
            )
    else:
        if not data.name.strip():
            errors.setdefault("name", []).append(_("Write your name, or choose anonymous."))
        if not (data.phone.strip() or data.email.strip()):
            errors.setdefault("phone", []).append(
                _("Give a phone number or an e-mail address, so the advisor can answer you.")
            )
    if not data.what_happened.strip():
        errors.setdefault("what_happened", []).append(_("Write what happened."))
    limit = settings.INTAKE_TEXT_MAX_CHARS
    for field in ("what_happened", "what_they_want"):
        if len(getattr(data, field)) > limit:
            errors.setdefault(field, []).append(
                _("Write at most %(limit)d characters; attach a file for more.") % {"limit": limit}
            )
    department, area = data.department, data.area
    if department is not None and (
        not department.is_valid_on(today) or (area is not None and department.area_id != area.pk)
    ):
        errors.setdefault("place", []).append(_("Choose one of the parts of the municipality."))
    if area is not None and not area.is_valid_on(today):
        errors.setdefault("place", []).append(_("Choose one of the parts of the municipality."))
    if errors:
        raise ValidationError(errors)


def reference_next(*, day: datetime.date) -> str:
    """A new reference number, e.g. W-2026-K7M2QD: the year and a random code, unused so far.

    The references are unique in the database as well: two messages that drew the same code
    at the same moment (one in 887 million) would make the second fail rather than share it.
    """
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"W-{day.year}-{code}"
        if not Submission.objects.filter(reference=reference).exists():
            return reference


@transaction.atomic
def submission_create(
    *,
    data: SubmissionData,
    uploads: Sequence[UploadedFile],
    client_address: str,
    now: datetime.datetime,
    language: str,
    send_receipt: bool = True,
) -> Submission:
    """Store what a citizen sent as a draft in the advisor's inbox, and e-mail a receipt.

    Refused (ValidationError, nothing stored) past the rate limit for the client's address, when
    an anonymous message holds contact details or a named one has no way to answer it, when a
    text is too long, or when an attachment is too large, too many, or not what it claims to be.
    The receipt e-mail, sent once the submission is stored, holds no content of the message.
    """
    today = timezone.localdate(now)
    _throttle(client=client_hash(client_address), now=now)
    _check_data(data, today=today)
    checked = attachments_check(uploads)
    daily_files_check(checked, day=today)
    submission = Submission(
        reference=reference_next(day=today),
        submitted_at=now,
        language=language,
        complainant_kind=data.complainant_kind,
        name=data.name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        address=data.address.strip(),
        area=data.department.area if data.department is not None else data.area,
        department=data.department,
        what_happened=data.what_happened.strip(),
        what_they_want=data.what_they_want.strip(),
        consents_to_contact=data.consents_to_contact,
    )
    submission.full_clean()
    submission.save()
    attachments_create(
        SubmissionAttachment, checked, uploaded_by=None, uploaded_at=now, submission=submission
    )
    if submission.email and send_receipt:
        transaction.on_commit(lambda: submission_receipt_send(submission))
    return submission


def submission_receipt_send(submission: Submission) -> None:
    """E-mail the receipt: the reference number and what happens next, never the content."""
    office = Office.load()
    with translation.override(submission.language):
        context = {"submission": submission, "office": office}
        subject = _("Receipt for your message to %(office)s (%(reference)s)") % {
            "office": office.name,
            "reference": submission.reference,
        }
        body = render_to_string("intake/receipt_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [submission.email])


def submission_inbox_view(
    *, user: User, status: str, number: str | None, now: datetime.datetime
) -> Page:
    """One page of the inbox, logged: it shows the senders' names, a read of personal data."""
    if not can_handle_submissions(user):
        raise PermissionDenied
    page = submission_list(user=user, status=status, number=number)
    if page.object_list:
        access_log_write(
            user=user,
            event=AccessEvent.INBOX_VIEWED,
            now=now,
            detail=", ".join(s.reference for s in page.object_list),
        )
    return page


def submission_view(*, user: User, pk: int, now: datetime.datetime) -> Submission:
    """The advisor opens a submission: a read of personal data, logged."""
    if not can_handle_submissions(user):
        raise PermissionDenied
    submission = (
        Submission.objects.visible_to(user)
        .select_related("area", "department__area", "handled_by")
        .prefetch_related("attachments", "inquiries")
        .get(pk=pk)
    )
    access_log_write(
        user=user,
        event=AccessEvent.SUBMISSION_VIEWED,
        now=now,
        inquiry_id=next((i.pk for i in submission.inquiries.all()), None),
        detail=submission.reference,
    )
    return submission


@transaction.atomic
def submission_reject(
    *,
    submission: Submission,
    rejected_by: User,
    now: datetime.datetime,
    reason: str,
    spam: bool = False,
) -> Submission:
    """Set a submission aside as spam, a duplicate or similar, with the reason; it stays findable.

    Only a submission not yet registered can be rejected. Spam loses its files at once (they
    may be large, and nobody will open them); the message itself stays until retention.
    """
    if not can_handle_submissions(rejected_by):
        raise PermissionDenied
    lists_lock(group=INBOX_TOKEN)  # the inbox's token before the submission's row, as its trigger
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != Submission.Status.NEW:
        raise ValidationError(
            _("Submission %(reference)s has already been handled.")
            % {"reference": submission.reference}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the submission is rejected.")})
    if spam:
        _attachments_delete(submission)
    submission.status = Submission.Status.REJECTED
    submission.rejection_reason = reason.strip()[:300]
    submission.handled_at = now
    submission.handled_by = rejected_by
    submission.save(
        update_fields=["status", "rejection_reason", "handled_at", "handled_by", "updated_at"]
    )
    access_log_write(
        user=rejected_by,
        event=AccessEvent.SUBMISSION_REJECTED,
        now=now,
        detail=submission.reference,
    )
    return submission


@transaction.atomic
def submissions_reject(
    *,
    pks: Sequence[int],
    rejected_by: User,
    now: datetime.datetime,
    reason: str,
    spam: bool = False,
) -> list[Submission]:
    """Reject several submissions at once with one reason: all of them, or none."""
    if not can_handle_submissions(rejected_by):
        raise PermissionDenied
    if not pks:
        raise ValidationError({"submissions": _("Choose the submissions to reject.")})
    chosen = list(Submission.objects.filter(pk__in=pks).order_by("submitted_at", "pk"))
    return [
        submission_reject(
            submission=submission, rejected_by=rejected_by, now=now, reason=reason, spam=spam
        )
        for submission in chosen
    ]


def _attachments_delete(submission: Submission) -> None:
    """Delete the submission's files, from storage once the rejection is committed."""
    attachments = list(submission.attachments.all())
    for attachment in attachments:
        transaction.on_commit(partial(attachment.file.delete, save=False))
    submission.attachments.all().delete()


def submission_attachment_open(
    *, user: User, submission_pk: int, attachment_pk: int, now: datetime.datetime
) -> SubmissionAttachment:
    """One attachment of a submission, for download by the advisor; logged as a read.

    SubmissionAttachment.DoesNotExist unless it belongs to that submission and the user may see
    it (`core.attachments.attachment_download` makes that a 404)."""
    if not can_handle_submissions(user):
        raise PermissionDenied
    attachment = (
        SubmissionAttachment.objects.select_related("submission")
        .filter(submission__in=Submission.objects.visible_to(user))
        .get(pk=attachment_pk, submission_id=submission_pk)
    )
    access_log_write(
        user=user,
        event=AccessEvent.SUBMISSION_ATTACHMENT_DOWNLOADED,
        now=now,
        inquiry_id=attachment.submission.inquiries.values_list("pk", flat=True).first(),
        detail=f"{attachment.submission.reference}, {attachment.pk}",
    )
    return attachment
