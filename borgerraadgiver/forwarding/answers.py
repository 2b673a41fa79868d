"""The department's side of a forwarding: its answer to the citizen (with files, checked as the
web form's are), the withdrawal of a mistaken answer within a day, and a later answer date. Each
write locks the forwarding's row first, so that a double click answers once.
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_manager
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.attachments import attachments_check, attachments_create
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import (
    AnswerAttachment,
    Extension,
    Forwarding,
    WithdrawnAnswer,
)
from borgerraadgiver.forwarding.permissions import (
    ANSWER_WITHDRAWAL_WINDOW,
    can_answer_status,
    can_forward,
    manages,
)
from borgerraadgiver.forwarding.reminders import (
    advisors_notify_answer,
    advisors_notify_extension,
    advisors_notify_withdrawal,
)
from borgerraadgiver.forwarding.writes import lock, log
from borgerraadgiver.organisation.models import ClosingDay


def _check_awaiting_answer(forwarding: Forwarding) -> None:
    if not can_answer_status(forwarding):
        raise ValidationError(
            _("The case is not awaiting an answer: it has been answered or closed already."),
            code="not_awaiting_answer",
        )


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
    the copy, and is told by e-mail once it is stored. The files are checked by the same rule as
    the web form's (`attachments_check`: count, size, type by content) before anything is
    saved. An answer that replaces a withdrawn one is sent the same way."""
    if not manages(answered_by, forwarding):
        raise PermissionDenied
    lock(forwarding)
    _check_awaiting_answer(forwarding)
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
    # The answer to a follow-up question is news too: unread until the advisor opens it.
    forwarding.answer_read_at = None
    forwarding.save()
    log(answered_by, forwarding.inquiry, now, AccessEvent.FORWARDING_ANSWERED)
    transaction.on_commit(lambda: advisors_notify_answer(forwarding, settings.SITE_URL))
    return forwarding


NOT_WITHDRAWABLE = gettext_lazy("Only an answer in force can be withdrawn, and this case has none.")
WITHDRAWAL_TOO_LATE = gettext_lazy(
    "The answer was sent more than 24 hours ago and can no longer be withdrawn. Send the "
    "citizen a correction yourself, and tell the citizens' advisor."
)


@transaction.atomic
def forwarding_answer_withdraw(
    *, forwarding: Forwarding, withdrawn_by: User, now: datetime.datetime, reason: str
) -> WithdrawnAnswer:
    """Withdraw a mistaken answer within 24 hours of its sending (`ANSWER_WITHDRAWAL_WINDOW`).

    The answer is kept as it was sent, with its files, marked withdrawn by whom and when; the
    case awaits the department's answer again, under the deadline in force, and the advisors
    are told by e-mail. The replacing answer is sent as any answer (`forwarding_answer`).
    """
    if not manages(withdrawn_by, forwarding):
        raise PermissionDenied
    lock(forwarding)
    if forwarding.status != Forwarding.Status.ANSWERED or forwarding.answered_at is None:
        raise ValidationError(str(NOT_WITHDRAWABLE), code="not_withdrawable")
    if now - forwarding.answered_at > ANSWER_WITHDRAWAL_WINDOW:
        raise ValidationError(str(WITHDRAWAL_TOO_LATE), code="withdrawal_too_late")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the answer is withdrawn.")})
    assert forwarding.answered_date is not None  # set with answered_at
    withdrawn = WithdrawnAnswer.objects.create(
        forwarding=forwarding,
        answer_text=forwarding.answer_text,
        answered_date=forwarding.answered_date,
        answered_at=forwarding.answered_at,
        answered_by=forwarding.answered_by,
        withdrawn_at=now,
        withdrawn_by=withdrawn_by,
        reason=reason.strip(),
    )
    forwarding.attachments.filter(withdrawn_answer__isnull=True).update(withdrawn_answer=withdrawn)
    forwarding.status = Forwarding.Status.SENT
    forwarding.answer_text = ""
    forwarding.answered_by = None
    forwarding.answered_at = None
    forwarding.answered_date = None
    forwarding.answer_read_at = None
    forwarding.save()
    log(withdrawn_by, forwarding.inquiry, now, AccessEvent.FORWARDING_ANSWER_WITHDRAWN)
    transaction.on_commit(lambda: advisors_notify_withdrawal(withdrawn, settings.SITE_URL))
    return withdrawn


def answer_attachment_open(
    *, user: User, forwarding: Forwarding, pk: int, now: datetime.datetime
) -> AnswerAttachment:
    """One file of a forwarding's answer, for download; logged as a read of the inquiry's data.

    Only among the forwardings the user may see (the advisors, the department's managers):
    AnswerAttachment.DoesNotExist otherwise, or when the file is another forwarding's
    (`core.attachments.attachment_download` makes that a 404). A user with neither role is
    refused outright.
    """
    if not (can_forward(user, forwarding.inquiry) or is_manager(user)):
        raise PermissionDenied
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
    if not manages(requested_by, forwarding):
        raise PermissionDenied
    lock(forwarding)
    _check_awaiting_answer(forwarding)
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
    log(requested_by, forwarding.inquiry, now, AccessEvent.FORWARDING_EXTENDED)
    transaction.on_commit(lambda: advisors_notify_extension(extension, settings.SITE_URL))
    return extension
