"""What the departments owe: every sent forwarding not yet closed, with its deadline counted in
working days (the advisor's forwarding overview, and its CSV and Excel download).

Every list starts from `Forwarding.objects.visible_to(user)`, and only an advisor gets one: the
overview follows every department's deadlines, which no manager, administrator or report reader
does. The working days are counted in Python per row by `deadlines.working_days_between`, with
the office's closing days read once, so a page costs the same number of queries for any number
of rows.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import FollowUpQuestion, Forwarding, ForwardingQuerySet
from borgerraadgiver.forwarding.permissions import can_follow_deadlines
from borgerraadgiver.organisation.kept_instances import kept_attaching
from borgerraadgiver.organisation.models import ClosingDay


class OwedState(models.TextChoices):
    """Where the department's answer stands."""

    NO_ANSWER = "no_answer", _("No answer")
    UNREAD = "unread", _("Answered, not read")
    ANSWERED = "answered", _("Answered")


class DeadlineWindow(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    THIS_WEEK = "this_week", _("Due this week")
    LATER = "later", _("Later")


SORTS = {
    "deadline": ("deadline_date", "id"),
    "-deadline": ("-deadline_date", "-id"),
    "sent": ("sent_date", "id"),
    "-sent": ("-sent_date", "-id"),
}
DEFAULT_SORT = "deadline"
OPEN = (Forwarding.Status.SENT, Forwarding.Status.ANSWERED)


@dataclass(frozen=True)
class OwedFilters:
    area_id: int | None = None
    department_id: int | None = None
    state: str = ""
    deadline: str = ""
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class Owed:
    """One forwarding on the overview, with its deadline read for the day.

    `set_deadline_date` is the date the office set (the answer time from sending, or from the
    latest follow-up question); the forwarding's `deadline_date` is the effective one, later
    when the department asked for a later date.
    """

    forwarding: Forwarding
    set_deadline_date: datetime.date
    state: OwedState
    working_days_left: int | None  # awaiting an answer, the deadline today or later
    working_days_overdue: int | None  # awaiting an answer, the deadline passed

    @property
    def deadline_date(self) -> datetime.date:
        assert self.forwarding.deadline_date is not None  # a sent forwarding has one
        return self.forwarding.deadline_date

    @property
    def later_date_asked(self) -> bool:
        return self.deadline_date > self.set_deadline_date

    @property
    def overdue(self) -> bool:
        return self.working_days_overdue is not None


def week_end(today: datetime.date) -> datetime.date:
    """The Sunday of `today`'s week: 'due this week' runs from today to it."""
    return today + datetime.timedelta(days=6 - today.weekday())


def owed_list(*, user: User, filters: OwedFilters, today: datetime.date) -> ForwardingQuerySet:
    """The sent forwardings not yet closed that the user may see, filtered and sorted.

    The deadline filter reads the effective deadline; a forwarding is overdue only while it
    awaits its answer. PermissionDenied for anyone but an advisor.
    """
    if not can_follow_deadlines(user):
        raise PermissionDenied
    owed = Forwarding.objects.visible_to(user).filter(status__in=OPEN)
    if filters.area_id:
        owed = owed.filter(area_id=filters.area_id)
    if filters.department_id:
        owed = owed.filter(department_id=filters.department_id)
    owed = owed.filter(_state_condition(filters.state) & _deadline_condition(filters, today))
    return owed.order_by(*SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))


def _state_condition(state: str) -> Q:
    if state == OwedState.NO_ANSWER:
        return Q(status=Forwarding.Status.SENT)
    if state == OwedState.UNREAD:
        return Q(status=Forwarding.Status.ANSWERED, answer_read_at__isnull=True)
    if state == OwedState.ANSWERED:
        return Q(status=Forwarding.Status.ANSWERED, answer_read_at__isnull=False)
    return Q()


def _deadline_condition(filters: OwedFilters, today: datetime.date) -> Q:
    if filters.deadline == DeadlineWindow.OVERDUE:
        return Q(status=Forwarding.Status.SENT, deadline_date__lt=today)
    if filters.deadline == DeadlineWindow.THIS_WEEK:
        return Q(deadline_date__gte=today, deadline_date__lte=week_end(today))
    if filters.deadline == DeadlineWindow.LATER:
        return Q(deadline_date__gt=week_end(today))
    return Q()


# What a row of the overview (and of its download) reads, and nothing more: every other column
# of the joined tables was a value to convert and set on 200 objects a page (issue 18). The
# area and department are the process's kept rows (`owed_rows`), not joined.
ROW_FIELDS = (
    "inquiry_id",
    "area_id",
    "department_id",
    "kind",
    "status",
    "sent_date",
    "deadline_date",
    "answered_date",
    "answer_read_at",
    "inquiry__case_number",
    "inquiry__summary",
    "inquiry__person_id",
)


def with_set_deadline(forwardings: ForwardingQuerySet) -> ForwardingQuerySet:
    """The rows with all a row of the overview shows, and the deadline the office set: the
    latest follow-up question's, else the first one."""
    latest_question = (
        FollowUpQuestion.objects.filter(forwarding=OuterRef("pk"))
        .order_by("-asked_at", "-id")
        .values("deadline_date")[:1]
    )
    return (
        forwardings.select_related("inquiry")
        .only(*ROW_FIELDS)
        .annotate(
            set_deadline_date=Coalesce(
                Subquery(latest_question), F("original_deadline_date"), F("deadline_date")
            )
        )
    )


def owed_rows(
    forwardings: Iterable[Forwarding], *, today: datetime.date, closing: frozenset[datetime.date]
) -> Iterator[Owed]:
    """Each forwarding (from `with_set_deadline`) read for `today`, its area and department
    made from the kept rows once for all the rows that name them; no query but the kept rows'."""
    for forwarding in kept_attaching(forwardings, "area", "department"):
        deadline = forwarding.deadline_date
        assert deadline is not None  # a sent forwarding has one (constraint)
        left = overdue = None
        if forwarding.status == Forwarding.Status.SENT:
            state = OwedState.NO_ANSWER
            if deadline >= today:
                left = deadlines.working_days_between(today, deadline, closing_days=closing)
            else:
                overdue = deadlines.working_days_between(deadline, today, closing_days=closing)
        elif forwarding.answer_read_at is None:
            state = OwedState.UNREAD
        else:
            state = OwedState.ANSWERED
        yield Owed(
            forwarding=forwarding,
            set_deadline_date=forwarding.set_deadline_date,  # type: ignore[attr-defined]
            state=state,
            working_days_left=left,
            working_days_overdue=overdue,
        )


def owed_page(
    *,
    user: User,
    filters: OwedFilters,
    today: datetime.date,
    number: str | int | None,
    size: int,
) -> Page:
    """One page of `owed_list` as `Owed` rows; four queries whatever the number of rows.

    The paginator counts and walks ids only; the page's rows are then fetched by id with what
    they show, and the closing days read once for the working days.
    """
    ids = owed_list(user=user, filters=filters, today=today).values_list("pk", flat=True)
    page = Paginator(ids, size).get_page(number)
    wanted = list(page.object_list)
    found = {f.pk: f for f in with_set_deadline(Forwarding.objects.filter(pk__in=wanted))}
    rows = owed_rows(
        (found[pk] for pk in wanted if pk in found),
        today=today,
        closing=ClosingDay.objects.as_set() if wanted else frozenset(),
    )
    return Page(list(rows), page.number, page.paginator)
