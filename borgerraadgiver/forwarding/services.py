"""Writes for forwardings. Each service is one transaction, checks its rules and logs itself.

The rules (DOMAIN.md, "Rules of a forwarding"):
- nothing is forwarded without the citizen's recorded consent, and a withdrawn consent stops a
  forwarding not yet sent;
- the forwarding goes to the department's management, with the text the advisor wrote;
- the department answers within the office's answer time on the Danish calendar, or asks for a
  later date having told the citizen and the advisor.
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.attachments import attachments_check, attachments_create
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import (
    AnswerAttachment,
    Consent,
    Extension,
    FollowUpQuestion,
    Forwarding,
)
from borgerraadgiver.forwarding.permissions import can_answer, can_forward
from borgerraadgiver.forwarding.reminders import advisors_notify_extension, managers_notify_sent
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import ClosingDay, Department, Office


def _log(user: User, inquiry: Inquiry, now: datetime.datetime, event: AccessEvent) -> None:
    access_log_write(
        user=user,
        event=event,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )


def consent_in_force(inquiry: Inquiry) -> Consent | None:
    return (
        inquiry.consents.filter(withdrawn_date__isnull=True).order_by("-given_date", "-id").first()
    )


@transaction.atomic
def consent_record(
    *,
    inquiry: Inquiry,
    recorded_by: User,
    now: datetime.datetime,
    given_by: str,
    given_date: datetime.date,
    method: str,
    note: str = "",
) -> Consent:
    """Record that the citizen consented to the advisor contacting the department.

    Dated no earlier than the inquiry was received and not in the future.
    """
    if not can_forward(recorded_by, inquiry):
        raise PermissionDenied
    if given_date < inquiry.received_date:
        raise ValidationError(
            {"given_date": _("The consent is dated before the inquiry was received.")}
        )
    if given_date > timezone.localdate(now):
        raise ValidationError({"given_date": _("The date is in the future.")})
    consent = Consent(
        inquiry=inquiry,
        given_by=given_by.strip(),
        given_date=given_date,
        method=method,
        note=note,
        recorded_by=recorded_by,
        recorded_at=now,
    )
    consent.full_clean()
    consent.save()
    _log(recorded_by, inquiry, now, AccessEvent.CONSENT_RECORDED)
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    consent: Consent,
    withdrawn_by: User,
    now: datetime.datetime,
    withdrawn_date: datetime.date,
    note: str = "",
) -> list[Forwarding]:
    """Withdraw a consent. Forwardings not yet sent are stopped; sent ones are not recalled.

    Returns the forwardings stopped.
    """
    inquiry = consent.inquiry
    if not can_forward(withdrawn_by, inquiry):
        raise PermissionDenied
    if consent.withdrawn_date is not None:
        raise ValidationError(_("The consent is already withdrawn."))
    if withdrawn_date < consent.given_date or withdrawn_date > timezone.localdate(now):
        raise ValidationError(
            {"withdrawn_date": _("The date must be between the consent and today.")}
        )
    consent.withdrawn_date = withdrawn_date
    consent.withdrawn_note = note
    consent.save(update_fields=["withdrawn_date", "withdrawn_note"])
    stopped: list[Forwarding] = []
    if consent_in_force(inquiry) is None:
        stopped = list(inquiry.forwardings.filter(status=Forwarding.Status.DRAFT))
        for forwarding in stopped:
            forwarding.status = Forwarding.Status.CANCELLED
            forwarding.stopped_reason = _("The citizen withdrew the consent.")
            forwarding.save(update_fields=["status", "stopped_reason", "updated_at"])
    _log(withdrawn_by, inquiry, now, AccessEvent.CONSENT_WITHDRAWN)
    return stopped


@transaction.atomic
def forwarding_draft(
    *,
    inquiry: Inquiry,
    created_by: User,
    now: datetime.datetime,
    kind: str,
    department: Department,
    text: str,
) -> Forwarding:
    """Prepare a dialogue case or forwarded complaint with the text the department will see."""
    if not can_forward(created_by, inquiry):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write what the department is asked to answer.")})
    if department.managers.filter(is_active=True).count() == 0:
        raise ValidationError(
            {
                "department": _(
                    "%(department)s has no manager in the system to receive it. An "
                    "administrator adds one under Users."
                )
                % {"department": department}
            }
        )
    forwarding = Forwarding(
        inquiry=inquiry, department=department, kind=kind, text=text.strip(), created_by=created_by
    )
    forwarding.full_clean()
    forwarding.save()
    _log(created_by, inquiry, now, AccessEvent.FORWARDING_DRAFTED)
    return forwarding


@transaction.atomic
def forwarding_send(*, forwarding: Forwarding, sent_by: User, now: datetime.datetime) -> Forwarding:
    """Send a drafted forwarding to the department's management and set its answer deadline.

    Refused unless the citizen's consent is recorded and in force. The deadline is the office's
    answer time from today, moved to the next working day on the Danish calendar.
    """
    inquiry = forwarding.inquiry
    if not can_forward(sent_by, inquiry):
        raise PermissionDenied
    if forwarding.status != Forwarding.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent."))
    if consent_in_force(inquiry) is None:
        raise ValidationError(
            _(
                "The citizen's consent to contacting the department is not recorded. Record it "
                "before forwarding."
            ),
            code="no_consent",
        )
    today = timezone.localdate(now)
    deadline = deadlines.answer_deadline(
        sent=today, weeks=Office.load().answer_weeks, closing_days=ClosingDay.objects.as_set()
    )
    forwarding.status = Forwarding.Status.SENT
    forwarding.sent_date = today
    forwarding.sent_at = now
    forwarding.deadline_date = deadline
    forwarding.original_deadline_date = deadline
    forwarding.save()
    _log(sent_by, inquiry, now, AccessEvent.FORWARDING_SENT)
    # Only once the forwarding is safely stored does the department hear of it.
    transaction.on_commit(lambda: managers_notify_sent(forwarding, settings.SITE_URL))
    return forwarding


@transaction.atomic
def forwarding_answer(
    *,
    forwarding: Forwarding,
    answered_by: User,
    now: datetime.datetime,
    answer_text: str,
    attachments: Sequence[UploadedFile] = (),
) -> Forwarding:
    """The department's written answer to the citizen, with any files; the advisor sees it as
    the copy. The files are checked by the same rule as the web form's (`attachments_check`:
    count, size, type by content) before anything is saved."""
    if not can_answer(answered_by, forwarding):
        raise PermissionDenied
    if not answer_text.strip():
        raise ValidationError({"answer_text": _("Write the answer to the citizen.")})
    checked = attachments_check(attachments)
    attachments_create(
        AnswerAttachment, checked, uploaded_by=answered_by, uploaded_at=now, forwarding=forwarding
    )
    forwarding.status = Forwarding.Status.ANSWERED
    forwarding.answer_text = answer_text.strip()
    forwarding.answered_by = answered_by
    forwarding.answered_at = now
    forwarding.answered_date = timezone.localdate(now)
    forwarding.save()
    _log(answered_by, forwarding.inquiry, now, AccessEvent.FORWARDING_ANSWERED)
    return forwarding


def answer_attachment_open(
    *, user: User, forwarding: Forwarding, pk: int, now: datetime.datetime
) -> AnswerAttachment:
    """One file of a forwarding's answer, for download; logged as a read of the inquiry's data.

    Only among the forwardings the user may see (the advisors, the department's managers):
    AnswerAttachment.DoesNotExist otherwise, or when the file is another forwarding's
    (`core.attachments.attachment_download` makes that a 404).
    """
    attachment = AnswerAttachment.objects.filter(
        forwarding__in=Forwarding.objects.visible_to(user)
    ).get(pk=pk, forwarding=forwarding)
    access_log_write(
        user=user,
        event=AccessEvent.ANSWER_ATTACHMENT_DOWNLOADED,
        now=now,
        inquiry_id=forwarding.inquiry_id,
        detail=str(attachment.pk),
    )
    return attachment


@transaction.atomic
def forwarding_extend(
    *,
    forwarding: Forwarding,
    requested_by: User,
    now: datetime.datetime,
    new_deadline_date: datetime.date,
    reason: str,
    citizen_informed: bool,
) -> Extension:
    """A later answer date, asked for by the department after telling the citizen.

    The advisor is told by this very record. The new date must be a working day after the
    present deadline.
    """
    if not can_answer(requested_by, forwarding):
        raise PermissionDenied
    errors: dict[str, str] = {}
    closing = ClosingDay.objects.as_set()
    assert forwarding.deadline_date is not None  # a sent forwarding has one (constraint)
    if new_deadline_date <= forwarding.deadline_date:
        errors["new_deadline_date"] = _("The new date must be after the present deadline.")
    elif not deadlines.is_working_day(new_deadline_date, closing_days=closing):
        errors["new_deadline_date"] = _(
            "The new date is not a working day. The next working day is %(day)s."
        ) % {"day": deadlines.next_working_day(new_deadline_date, closing_days=closing)}
    if not reason.strip():
        errors["reason"] = _("Say why the department needs more time.")
    if not citizen_informed:
        errors["citizen_informed"] = _("Tell the citizen about the new date before asking for it.")
    if errors:
        raise ValidationError(errors)
    extension = Extension.objects.create(
        forwarding=forwarding,
        previous_deadline_date=forwarding.deadline_date,
        new_deadline_date=new_deadline_date,
        reason=reason.strip(),
        citizen_informed=citizen_informed,
        requested_by=requested_by,
        requested_at=now,
    )
    forwarding.deadline_date = new_deadline_date
    forwarding.save(update_fields=["deadline_date", "updated_at"])
    _log(requested_by, forwarding.inquiry, now, AccessEvent.FORWARDING_EXTENDED)
    transaction.on_commit(lambda: advisors_notify_extension(extension, settings.SITE_URL))
    return extension


@transaction.atomic
def forwarding_follow_up(
    *, forwarding: Forwarding, asked_by: User, now: datetime.datetime, text: str
) -> FollowUpQuestion:
    """Ask the department a follow-up question on its answer, with a new deadline.

    The forwarding goes back to awaiting an answer, due the office's answer time from today.
    """
    if not can_forward(asked_by, forwarding.inquiry):
        raise PermissionDenied
    if forwarding.status != Forwarding.Status.ANSWERED:
        raise ValidationError(_("Follow-up questions are asked on an answer."))
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    today = timezone.localdate(now)
    deadline = deadlines.answer_deadline(
        sent=today, weeks=Office.load().answer_weeks, closing_days=ClosingDay.objects.as_set()
    )
    question = FollowUpQuestion.objects.create(
        forwarding=forwarding,
        text=text.strip(),
        asked_by=asked_by,
        asked_date=today,
        asked_at=now,
        deadline_date=deadline,
    )
    forwarding.status = Forwarding.Status.SENT
    forwarding.deadline_date = deadline
    forwarding.save(update_fields=["status", "deadline_date", "updated_at"])
    _log(asked_by, forwarding.inquiry, now, AccessEvent.FOLLOW_UP_ASKED)
    return question


@transaction.atomic
def forwarding_close(
    *, forwarding: Forwarding, closed_by: User, now: datetime.datetime, outcome: str
) -> Forwarding:
    """Close an answered forwarding with its outcome, as the report counts it."""
    if not can_forward(closed_by, forwarding.inquiry):
        raise PermissionDenied
    if forwarding.status != Forwarding.Status.ANSWERED:
        raise ValidationError(_("Only an answered forwarding can be closed."))
    if outcome not in Forwarding.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    forwarding.status = Forwarding.Status.CLOSED
    forwarding.outcome = outcome
    forwarding.closed_date = timezone.localdate(now)
    forwarding.save(update_fields=["status", "outcome", "closed_date", "updated_at"])
    _log(closed_by, forwarding.inquiry, now, AccessEvent.FORWARDING_CLOSED)
    return forwarding


def forwarding_mark_read(*, forwarding: Forwarding, read_by: User, now: datetime.datetime) -> bool:
    """The advisor has read the department's answer; it leaves the front page's unread list."""
    if not can_forward(read_by, forwarding.inquiry):
        raise PermissionDenied
    if forwarding.status != Forwarding.Status.ANSWERED or forwarding.answer_read_at is not None:
        return False
    forwarding.answer_read_at = now
    forwarding.save(update_fields=["answer_read_at", "updated_at"])
    return True
