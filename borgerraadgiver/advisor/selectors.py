"""What the advisor's front page shows: the day's work across the register and the forwardings."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from borgerraadgiver.accounts.models import User
from borgerraadgiver.feedback.models import ContactRequest
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.letters.models import Letter
from borgerraadgiver.letters.selectors import failed_letters
from borgerraadgiver.organisation.models import ClosingDay, Office, Reason

_SATURDAY = 5  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class Overdue:
    forwarding: Forwarding
    working_days: int  # working days past the deadline


@dataclass(frozen=True)
class ActionNeeded:
    due_this_week: list[Forwarding]
    overdue: list[Overdue]
    unread_answers: list[Forwarding]
    long_open: list[Inquiry]
    open_days: int
    resume_today: list[Inquiry]
    failed_letters: list[Letter]
    # Citizens who answered the survey that their matter is not resolved (docs/feedback.md).
    contact_again: list[ContactRequest]

    def inquiries_shown(self) -> list[tuple[int, int | None]]:
        """(inquiry, person) of every case the page names, once each: for the access log, as
        the lists show what each case is about."""
        forwardings = [*self.due_this_week, *self.unread_answers]
        forwardings += [overdue.forwarding for overdue in self.overdue]
        inquiries = [f.inquiry for f in forwardings] + self.long_open + self.resume_today
        inquiries += [letter.inquiry for letter in self.failed_letters]
        inquiries += [request.inquiry for request in self.contact_again]
        return list(dict.fromkeys((i.pk, i.person_id) for i in inquiries))


def answers_week_end(today: datetime.date) -> datetime.date:
    """The last day of the week whose deadlines the front page lists as due: this week's Sunday,
    and on a Saturday or Sunday the coming week's (no deadline falls on a weekend)."""
    weekday = today.weekday()
    return today + datetime.timedelta(days=6 - weekday + (7 if weekday >= _SATURDAY else 0))


def action_needed(*, user: User, today: datetime.date) -> ActionNeeded:
    """The advisor's front page: deadlines this week, missed deadlines (by how many working
    days), answers not yet read, inquiries open longer than the office's limit, and open
    inquiries whose follow-up date ("Genoptag den …") has come, and citizens who asked in the
    survey to be contacted again."""
    closing = ClosingDay.objects.as_set()
    office = Office.load()
    visible = Forwarding.objects.visible_to(user).select_related("inquiry", "area", "department")
    week_end = answers_week_end(today)
    awaiting = list(
        visible.filter(status=Forwarding.Status.SENT, deadline_date__lte=week_end).order_by(
            "deadline_date", "pk"
        )
    )
    overdue = [
        Overdue(
            forwarding=f,
            working_days=deadlines.working_days_between(
                f.deadline_date,
                today,
                closing_days=closing,
            ),
        )
        for f in awaiting
        if f.deadline_date is not None and f.deadline_date < today
    ]
    due = [f for f in awaiting if f.deadline_date is not None and f.deadline_date >= today]
    unread = list(
        visible.filter(status=Forwarding.Status.ANSWERED, answer_read_at__isnull=True).order_by(
            "answered_at", "pk"
        )
    )
    long_open = list(
        Inquiry.objects.visible_to(user)
        .open()
        .filter(received_date__lt=today - datetime.timedelta(days=office.open_alert_days))
        .select_related("area", "department", "person")
        .order_by("received_date", "pk")[:50]
    )
    resume = list(
        Inquiry.objects.visible_to(user)
        .open()
        .filter(follow_up_date__lte=today)
        .select_related("area", "department")
        .prefetch_related(Prefetch("reasons", queryset=Reason.objects.order_by("name")))
        .order_by("follow_up_date", "pk")[:50]
    )
    return ActionNeeded(
        due_this_week=due,
        overdue=overdue,
        unread_answers=unread,
        long_open=long_open,
        open_days=office.open_alert_days,
        resume_today=resume,
        failed_letters=failed_letters(user=user),
        contact_again=_contact_again(user),
    )


def _contact_again(user: User) -> list[ContactRequest]:
    """Citizens who answered the survey that the matter is not resolved, oldest first."""
    return list(
        ContactRequest.objects.waiting()
        .filter(inquiry__in=Inquiry.objects.visible_to(user))
        .select_related("inquiry__area", "inquiry__department")
        .order_by("requested_date", "pk")[:50]
    )
