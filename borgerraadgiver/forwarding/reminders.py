"""Reminders about answer deadlines, by e-mail, each sent once only.

A reminder goes to the department's managers a number of working days before the deadline (the
office's setting) and again on the first day after a missed deadline; the advisors get one
summary of what was sent. A row in `ReminderSent` is written in the same transaction as the
e-mail is handed over, under a unique constraint: a second run, or two runs at once, find the
row and send nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import ACTIVE_ADVISOR
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import (
    Extension,
    Forwarding,
    ReminderSent,
    WithdrawnAnswer,
)
from borgerraadgiver.organisation.models import ClosingDay, Office


@dataclass
class ReminderRun:
    before: list[Forwarding] = field(default_factory=list)
    missed: list[Forwarding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.before) + len(self.missed)


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def _send_to_managers(forwarding: Forwarding, kind: str, base_url: str) -> None:
    recipients = [user.email for user in forwarding.managers() if user.email]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        case = forwarding.inquiry.case_number
        deadline = _date(forwarding.deadline_date)  # type: ignore[arg-type]
        if kind == ReminderSent.Kind.MISSED:
            subject = _("Answer deadline missed: %(case)s") % {"case": case}
            body = _(
                "The citizens' advisor's case %(case)s to %(department)s had to be answered by "
                "%(deadline)s. No answer has been given.\n\nAnswer it, or ask for a later date, "
                "here: %(url)s"
            )
        else:
            subject = _("Answer due %(deadline)s: %(case)s") % {"case": case, "deadline": deadline}
            body = _(
                "The citizens' advisor's case %(case)s to %(department)s must be answered by "
                "%(deadline)s.\n\nAnswer it, or ask for a later date, here: %(url)s"
            )
        url = base_url + reverse("portal:forwarding_detail", args=[forwarding.pk])
        send_mail(
            subject,
            body
            % {"case": case, "department": forwarding.recipient, "deadline": deadline, "url": url},
            None,
            recipients,
        )


def managers_notify_sent(forwarding: Forwarding, base_url: str) -> None:
    """Tell the department's managers that a case has arrived, and by when to answer."""
    recipients = [user.email for user in forwarding.managers() if user.email]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "case": forwarding.inquiry.case_number,
            "department": forwarding.recipient,
            "deadline": _date(forwarding.deadline_date),  # type: ignore[arg-type]
            "url": base_url + reverse("portal:forwarding_detail", args=[forwarding.pk]),
        }
        send_mail(
            _("New case from the citizens' advisor: %(case)s") % values,
            _(
                "The citizens' advisor has sent case %(case)s to the management of "
                "%(department)s. Answer it by %(deadline)s, or ask for a later date, here: "
                "%(url)s"
            )
            % values,
            None,
            recipients,
        )


def advisors_notify_extension(extension: Extension, base_url: str) -> None:
    """Tell the advisors that a department has set a later answer date, and why."""
    recipients = [user.email for user in User.objects.filter(ACTIVE_ADVISOR) if user.email]
    if not recipients:
        return
    forwarding = extension.forwarding
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "case": forwarding.inquiry.case_number,
            "department": forwarding.recipient,
            "old": _date(extension.previous_deadline_date),
            "new": _date(extension.new_deadline_date),
            "reason": extension.reason,
            "url": base_url + reverse("advisor:forwarding_detail", args=[forwarding.pk]),
        }
        send_mail(
            _("Later answer date on %(case)s") % values,
            _(
                "%(department)s cannot answer case %(case)s by %(old)s and has set %(new)s "
                "instead, having told the citizen.\n\nReason: %(reason)s\n\n%(url)s"
            )
            % values,
            None,
            recipients,
        )


def _advisor_emails() -> list[str]:
    return [user.email for user in User.objects.filter(ACTIVE_ADVISOR) if user.email]


def advisors_notify_answer(forwarding: Forwarding, base_url: str) -> None:
    """Tell the advisors that the department has answered the citizen: their copy is waiting."""
    recipients = _advisor_emails()
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "case": forwarding.inquiry.case_number,
            "department": forwarding.recipient,
            "url": base_url + reverse("advisor:forwarding_detail", args=[forwarding.pk]),
        }
        send_mail(
            _("The department has answered %(case)s") % values,
            _(
                "%(department)s has answered the citizen on case %(case)s. Your copy of the "
                "answer: %(url)s"
            )
            % values,
            None,
            recipients,
        )


def advisors_notify_withdrawal(withdrawn: WithdrawnAnswer, base_url: str) -> None:
    """Tell the advisors that the department has withdrawn its answer, and why."""
    recipients = _advisor_emails()
    if not recipients:
        return
    forwarding = withdrawn.forwarding
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "case": forwarding.inquiry.case_number,
            "department": forwarding.recipient,
            "reason": withdrawn.reason,
            "url": base_url + reverse("advisor:forwarding_detail", args=[forwarding.pk]),
        }
        send_mail(
            _("The department has withdrawn its answer on %(case)s") % values,
            _(
                "%(department)s has withdrawn its answer to the citizen on case %(case)s and "
                "will send a new one.\n\nReason: %(reason)s\n\n%(url)s"
            )
            % values,
            None,
            recipients,
        )


def _send_summary(run: ReminderRun, base_url: str) -> None:
    recipients = [user.email for user in User.objects.filter(ACTIVE_ADVISOR) if user.email]
    if not recipients or not run.count:
        return
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("%(case)s (%(department)s): deadline %(deadline)s missed")
            % {
                "case": f.inquiry.case_number,
                "department": f.recipient,
                "deadline": _date(f.deadline_date),  # type: ignore[arg-type]
            }
            for f in run.missed
        ] + [
            _("%(case)s (%(department)s): due %(deadline)s")
            % {
                "case": f.inquiry.case_number,
                "department": f.recipient,
                "deadline": _date(f.deadline_date),  # type: ignore[arg-type]
            }
            for f in run.before
        ]
        send_mail(
            ngettext(
                "Forwarding deadlines: %(count)d reminder sent",
                "Forwarding deadlines: %(count)d reminders sent",
                run.count,
            )
            % {"count": run.count},
            "\n".join(lines) + "\n\n" + base_url + reverse("advisor:home"),
            None,
            recipients,
        )


def reminders_send(*, now: datetime.datetime, base_url: str = "") -> ReminderRun:
    """Send the reminders due at `now` that have not been sent before; return what was sent."""
    today = timezone.localdate(now)
    office = Office.load()
    closing = ClosingDay.objects.as_set()
    run = ReminderRun()
    awaiting = Forwarding.objects.filter(status=Forwarding.Status.SENT).select_related(
        "inquiry", "department", "area"
    )
    for forwarding in awaiting:
        assert forwarding.deadline_date is not None  # sent forwardings have one (constraint)
        kind = deadlines.reminder_due(
            forwarding.deadline_date,
            today=today,
            days_before=office.reminder_working_days,
            closing_days=closing,
        )
        if kind is None:
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    forwarding=forwarding,
                    kind=kind,
                    deadline_date=forwarding.deadline_date,
                    sent_at=now,
                )
                # Inside the transaction: if the mail cannot be handed over, no row is kept
                # and the next run tries again.
                _send_to_managers(forwarding, kind, base_url)
        except IntegrityError:
            continue  # sent already, by an earlier or a parallel run
        (run.missed if kind == ReminderSent.Kind.MISSED else run.before).append(forwarding)
    _send_summary(run, base_url)
    return run
