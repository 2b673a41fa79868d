"""Writes for forwardings. Each service is one transaction, checks its rules and logs itself.

The rules (DOMAIN.md, "Rules of a forwarding"):
- nothing is forwarded without the citizen's recorded consent (`consents.py`), and a withdrawn
  consent stops a forwarding not yet sent;
- the forwarding goes to management level: a department's management, or an area's own where
  the area has no departments, with the text the advisor wrote;
- forwarding and handling are one fact: a sent dialogue case or forwarded complaint is the
  inquiry's main handling, and a follow-up question on the answer is the counted action;
- the department answers within the office's answer time on the Danish calendar, or asks for a
  later date having told the citizen and the advisor.

Every change to a forwarding locks its row first and re-reads it, so that a double click (or
two users at once) acts once: the second request finds the new state and is refused.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.consents import consent_in_force
from borgerraadgiver.forwarding.models import (
    FollowUpQuestion,
    Forwarding,
)
from borgerraadgiver.forwarding.permissions import can_forward
from borgerraadgiver.forwarding.reminders import managers_notify_sent
from borgerraadgiver.forwarding.writes import lock, log
from borgerraadgiver.inquiries.models import Inquiry, InquiryAction
from borgerraadgiver.inquiries.services.editing import inquiry_forwarded
from borgerraadgiver.organisation.models import Action, Area, ClosingDay, Department, Office


@transaction.atomic
def forwarding_draft(
    *,
    inquiry: Inquiry,
    created_by: User,
    now: datetime.datetime,
    kind: str,
    department: Department | None = None,
    area: Area | None = None,
    text: str,
) -> Forwarding:
    """Prepare a dialogue case or forwarded complaint with the text the management will see.

    It goes to a department's management, or (`department` None) to the management of an area
    that has no departments, such as the municipal director's area.
    """
    if not can_forward(created_by, inquiry):
        raise PermissionDenied
    if not text.strip():
        raise ValidationError({"text": _("Write what the department is asked to answer.")})
    area = _management_area(department=department, area=area, today=timezone.localdate(now))
    forwarding = Forwarding(
        inquiry=inquiry,
        area=area,
        department=department,
        kind=kind,
        text=text.strip(),
        created_by=created_by,
    )
    if not forwarding.managers().exists():
        raise ValidationError(
            {
                "department": _(
                    "%(department)s has no manager in the system to receive it. An "
                    "administrator adds one under Users."
                )
                % {"department": forwarding.recipient}
            }
        )
    forwarding.full_clean()
    forwarding.save()
    log(created_by, inquiry, now, AccessEvent.FORWARDING_DRAFTED)
    return forwarding


def _management_area(
    *, department: Department | None, area: Area | None, today: datetime.date
) -> Area:
    """The area the forwarding belongs to; an area's own management only where it has no
    departments (management level: DOMAIN.md)."""
    if department is not None:
        if area is not None and department.area_id != area.pk:
            raise ValidationError(
                {
                    "department": _("%(department)s is not under %(area)s.")
                    % {"department": department, "area": area}
                }
            )
        return department.area
    if area is None:
        raise ValidationError({"department": _("Choose whose management it goes to.")})
    if Department.objects.valid_on(today).filter(area=area).exists():
        raise ValidationError(
            {
                "department": _(
                    "%(area)s has departments: send it to the management of the department "
                    "it concerns."
                )
                % {"area": area}
            }
        )
    return area


@transaction.atomic
def forwarding_send(
    *,
    forwarding: Forwarding,
    sent_by: User,
    now: datetime.datetime,
    share_identity: bool = False,
) -> Forwarding:
    """Send a drafted forwarding to its management and set its answer deadline.

    With `share_identity` the citizen's name and CPR number (if registered) are copied onto the
    forwarding as the department sees them, so that it can find its own case; without it the
    department sees only the text. The copy is what was shared on this day: a later correction
    of the person does not change it, and retention empties it with the forwarding's text.

    Refused unless the citizen's consent is recorded and in force. The deadline is the office's
    answer time from today, moved to the next working day on the Danish calendar. The inquiry
    is then counted as what it was sent as: its main handling follows the forwarding's kind
    (`inquiry_forwarded`, written in the inquiry's change record).
    """
    inquiry = forwarding.inquiry
    if not can_forward(sent_by, inquiry):
        raise PermissionDenied
    lock(forwarding)
    if forwarding.status != Forwarding.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent."), code="not_a_draft")
    if consent_in_force(inquiry) is None:
        raise ValidationError(
            _(
                "The citizen's consent to contacting the department is not recorded. Record it "
                "before forwarding."
            ),
            code="no_consent",
        )
    if share_identity:
        _identity_share(forwarding)
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
    inquiry_forwarded(inquiry=inquiry, kind=forwarding.kind, changed_by=sent_by, now=now)
    log(sent_by, inquiry, now, AccessEvent.FORWARDING_SENT)
    # Only once the forwarding is safely stored does the department hear of it.
    transaction.on_commit(lambda: managers_notify_sent(forwarding, settings.SITE_URL))
    return forwarding


def _identity_share(forwarding: Forwarding) -> None:
    person = forwarding.inquiry.person
    if person is None:
        raise ValidationError(
            {
                "share_identity": _(
                    "The inquiry is anonymous: there is no name to share. Send it without."
                )
            }
        )
    forwarding.shared_name = person.name
    forwarding.shared_cpr = person.cpr


@transaction.atomic
def forwarding_follow_up(
    *, forwarding: Forwarding, asked_by: User, now: datetime.datetime, text: str
) -> FollowUpQuestion:
    """Ask the department a follow-up question on its answer, with a new deadline.

    The forwarding goes back to awaiting an answer, due the office's answer time from today.
    The question is the counted action "follow-up question" on the inquiry: one record, counted
    once in every figure, whether asked here or registered by hand.
    """
    if not can_forward(asked_by, forwarding.inquiry):
        raise PermissionDenied
    lock(forwarding)
    if forwarding.status != Forwarding.Status.ANSWERED:
        raise ValidationError(_("Follow-up questions are asked on an answer."))
    if not text.strip():
        raise ValidationError({"text": _("Write the question.")})
    action = Action.follow_up_question()
    if action is None:
        raise ValidationError(
            _(
                "No counted action of the kind 'follow-up question' is in use, so the question "
                "could not be counted. An administrator marks one under Counted actions."
            )
        )
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
        counted_as=InquiryAction.objects.create(
            inquiry=forwarding.inquiry, action=action, action_date=today
        ),
    )
    forwarding.status = Forwarding.Status.SENT
    forwarding.deadline_date = deadline
    forwarding.save(update_fields=["status", "deadline_date", "updated_at"])
    log(asked_by, forwarding.inquiry, now, AccessEvent.FOLLOW_UP_ASKED)
    return question


@transaction.atomic
def forwarding_close(
    *, forwarding: Forwarding, closed_by: User, now: datetime.datetime, outcome: str
) -> Forwarding:
    """Close an answered forwarding with its outcome, as the report counts it."""
    if not can_forward(closed_by, forwarding.inquiry):
        raise PermissionDenied
    lock(forwarding)
    if forwarding.status != Forwarding.Status.ANSWERED:
        raise ValidationError(_("Only an answered forwarding can be closed."))
    if outcome not in Forwarding.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    forwarding.status = Forwarding.Status.CLOSED
    forwarding.outcome = outcome
    forwarding.closed_date = timezone.localdate(now)
    forwarding.save(update_fields=["status", "outcome", "closed_date", "updated_at"])
    log(closed_by, forwarding.inquiry, now, AccessEvent.FORWARDING_CLOSED)
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


@transaction.atomic
def forwarding_kind_change(
    *, forwarding: Forwarding, changed_by: User, now: datetime.datetime, kind: str
) -> Forwarding:
    """Correct the kind of a forwarding (a dialogue case that is really a forwarded complaint, or
    the other way round). Sent, the inquiry's main handling follows, as when it was sent."""
    if not can_forward(changed_by, forwarding.inquiry):
        raise PermissionDenied
    lock(forwarding)
    if kind not in Forwarding.Kind.values:
        raise ValidationError({"kind": _("Choose the kind.")})
    if forwarding.status == Forwarding.Status.CANCELLED:
        raise ValidationError(_("A stopped forwarding is not changed."))
    if kind == forwarding.kind:
        return forwarding
    forwarding.kind = kind
    forwarding.save(update_fields=["kind", "updated_at"])
    if forwarding.status != Forwarding.Status.DRAFT:
        latest = (
            forwarding.inquiry.forwardings.exclude(
                status__in=[Forwarding.Status.DRAFT, Forwarding.Status.CANCELLED]
            )
            .order_by("-sent_at", "-id")
            .first()
        )
        if latest is not None and latest.pk == forwarding.pk:
            inquiry_forwarded(inquiry=forwarding.inquiry, kind=kind, changed_by=changed_by, now=now)
    log(changed_by, forwarding.inquiry, now, AccessEvent.FORWARDING_KIND_CHANGED)
    return forwarding
