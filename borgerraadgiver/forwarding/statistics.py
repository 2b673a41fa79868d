"""The forwarding figures for a period, per department and overall, as the report uses them.

Aggregates only: no person, no summary, no case number. A forwarding belongs to the period in
which it was sent. A handful of queries whatever the number of forwardings: the rows are read
in SQL, filtered there by the report's scope, and counted by the pure `forwarding_figures`.
Every figure is keyed by id: a department by its id and its area's, never by its name.
"""

import datetime
import functools
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import (
    Extension,
    FollowUpQuestion,
    Forwarding,
    WithdrawnAnswer,
)
from borgerraadgiver.organisation.models import ClosingDay


def _counted(how: str) -> dict[str, str]:
    """A field's definition, as its metadata: how it is counted (`docs/reports.md` prints it)."""
    return {"counted": how}


@dataclass(frozen=True)
class ForwardingFigures:
    """The forwarding figures of one department, or of several together: the one type the
    forwarding pages, the statistics and the report share (the report's `ForwardingSummary`
    holds them per department and overall). A count is None where the small-number rule hides
    it from a report reader (`reports.disclosure`); the forwarding pages always have them all."""

    sent: int | None = field(
        default=0,
        metadata=_counted(
            "Forwardings sent in the period (by `sent_date`); drafts and stopped ones are left out."
        ),
    )
    dialogue: int | None = field(default=0, metadata=_counted("Of those, dialogue cases."))
    forwarded: int | None = field(default=0, metadata=_counted("Of those, forwarded complaints."))
    answered_on_time: int | None = field(
        default=0,
        metadata=_counted(
            "Answered on or before the deadline in force: the first deadline, or the last later "
            "date the department asked for. An answer on the deadline day is on time. Where the "
            "department withdrew an answer and sent another, the first answer's date counts."
        ),
    )
    answered_late: int | None = field(
        default=0, metadata=_counted("Answered after the deadline in force.")
    )
    unanswered_overdue: int | None = field(
        default=0,
        metadata=_counted(
            "Not answered, and the deadline in force is before the day the figures are computed "
            "for; on the deadline day itself it is not yet overdue."
        ),
    )
    unanswered_not_yet_due: int | None = field(
        default=0,
        metadata=_counted(
            "Not answered, and the deadline in force is that day or later (or the advisor closed "
            "it without an answer)."
        ),
    )
    extensions: int | None = field(
        default=0, metadata=_counted("Later dates the departments asked for.")
    )
    follow_up_questions: int | None = field(
        default=0, metadata=_counted("Follow-up questions asked on these forwardings.")
    )
    median_working_days_to_answer: float | None = field(
        default=None,
        metadata=_counted(
            "The median of the working days (Danish calendar and the office's closing days) from "
            "sending to the answer, over the answered forwardings; none without an answer."
        ),
    )
    outcomes: Mapping[str, int | None] = field(
        default_factory=dict,
        metadata=_counted(
            "Per `Forwarding.Outcome` code (answered, apology, upheld, partly upheld, not upheld), "
            "the forwardings closed with it; a renderer shows the label."
        ),
    )


# The fields that add up when departments are put together (the median does not).
COUNTS = (
    "sent",
    "dialogue",
    "forwarded",
    "answered_on_time",
    "answered_late",
    "unanswered_overdue",
    "unanswered_not_yet_due",
    "extensions",
    "follow_up_questions",
)


class Recipient(NamedTuple):
    """Who a forwarding went to: a department, or an area's management (no department)."""

    area_id: int
    department_id: int | None


class ForwardingRow(NamedTuple):
    """What the figures need of one forwarding."""

    kind: str
    status: str
    sent_date: datetime.date
    # The deadline in force before any follow-up question: the first, or the last later date
    # the department asked for.
    deadline_date: datetime.date
    answered_date: datetime.date | None
    outcome: str
    extensions: int
    follow_up_questions: int
    recipient: Recipient


@dataclass(frozen=True)
class ForwardingStatistics:
    start: datetime.date
    end: datetime.date
    overall: ForwardingFigures
    by_department: Mapping[Recipient, ForwardingFigures]

    def department(self, pk: int) -> ForwardingFigures:
        """The figures of the department with id `pk` (none sent: all zero)."""
        for recipient, figures in self.by_department.items():
            if recipient.department_id == pk:
                return figures
        return ForwardingFigures()


ON_TIME, LATE, OVERDUE, NOT_YET_DUE = (
    "answered_on_time",
    "answered_late",
    "unanswered_overdue",
    "unanswered_not_yet_due",
)


def deadline_state(row: ForwardingRow, *, today: datetime.date) -> str:
    """Where a forwarding stands against its deadline as of `today`.

    An answer on the deadline day is on time; unanswered, it is overdue only from the day after.

    >>> day = datetime.date(2024, 3, 27)
    >>> row = ForwardingRow("forwarded", "answered", day, day, day, "", 0, 0, Recipient(1, 2))
    >>> deadline_state(row, today=day)
    'answered_on_time'
    >>> deadline_state(row._replace(status="sent", answered_date=None), today=day)
    'unanswered_not_yet_due'
    """
    if row.answered_date is not None:
        return ON_TIME if row.answered_date <= row.deadline_date else LATE
    if row.status == Forwarding.Status.SENT and row.deadline_date < today:
        return OVERDUE
    return NOT_YET_DUE


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


def forwarding_figures(
    rows: Iterable[ForwardingRow],
    *,
    today: datetime.date,
    working_days: Callable[[datetime.date, datetime.date], int],
) -> ForwardingFigures:
    """The figures of `rows` (pure): counts, the deadline states as of `today`, the median
    working days to answer, the outcomes."""
    counts: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    days_to_answer: list[int] = []
    for row in rows:
        counts["sent"] += 1
        counts["dialogue" if row.kind == Forwarding.Kind.DIALOGUE else "forwarded"] += 1
        counts[deadline_state(row, today=today)] += 1
        if row.answered_date is not None:
            days_to_answer.append(working_days(row.sent_date, row.answered_date))
        counts["extensions"] += row.extensions
        counts["follow_up_questions"] += row.follow_up_questions
        if row.outcome:
            outcomes[row.outcome] += 1
    return ForwardingFigures(
        **{name: counts[name] for name in COUNTS},
        median_working_days_to_answer=_median(days_to_answer),
        outcomes=dict(sorted(outcomes.items())),
    )


def _count(rows: QuerySet) -> Subquery:
    """The number of `rows` (filtered by an OuterRef) as a scalar subquery."""
    return Subquery(
        rows.values("forwarding").annotate(n=Count("*")).values("n"), output_field=IntegerField()
    )


def in_scope(*, area_id: int | None = None, department_id: int | None = None) -> Q:
    """Forwardings within a report's scope, as a filter for SQL: a department's are those sent
    to it; an area's those sent to its departments and to the area's own management (a
    forwarding carries its area, and a department only below the area's management)."""
    if department_id is not None:
        return Q(department_id=department_id)
    if area_id is not None:
        return Q(area_id=area_id)
    return Q()


def _rows(start: datetime.date, end: datetime.date, scope: Q) -> list[ForwardingRow]:
    """One row per forwarding sent from `start` to `end` within `scope`."""
    # The extensions and follow-up questions of each forwarding are read by correlated
    # subqueries (one index look-up each) rather than a join with COUNT(DISTINCT) over every row.
    extensions = Extension.objects.filter(forwarding=OuterRef("pk")).order_by()
    questions = FollowUpQuestion.objects.filter(forwarding=OuterRef("pk")).order_by()
    withdrawn = WithdrawnAnswer.objects.filter(forwarding=OuterRef("pk")).order_by()
    values = (
        Forwarding.objects.filter(scope, sent_date__gte=start, sent_date__lte=end)
        .exclude(status__in=[Forwarding.Status.DRAFT, Forwarding.Status.CANCELLED])
        .annotate(
            deadline_in_force=Coalesce(
                Subquery(extensions.order_by("-new_deadline_date").values("new_deadline_date")[:1]),
                "original_deadline_date",
            ),
            extension_count=Coalesce(_count(extensions), 0),
            question_count=Coalesce(_count(questions), 0),
            first_withdrawn_date=Subquery(
                withdrawn.order_by("answered_date").values("answered_date")[:1]
            ),
        )
        .values_list(
            "kind",
            "status",
            "sent_date",
            "deadline_in_force",
            "answered_date",
            "first_withdrawn_date",
            "outcome",
            "extension_count",
            "question_count",
            "area_id",
            "department_id",
        )
        .order_by()
    )
    rows = []
    for kind, status, sent, deadline, answered, first, outcome, ext, questions, *to in values:
        assert sent is not None and deadline is not None  # a sent forwarding has both
        rows.append(
            ForwardingRow(
                kind,
                status,
                sent,
                deadline,
                _answer_counted(answered, first_withdrawn=first),
                outcome,
                ext,
                questions,
                Recipient(*to),
            )
        )
    return rows


def _answer_counted(
    answered: datetime.date | None, *, first_withdrawn: datetime.date | None
) -> datetime.date | None:
    """The answer date the figures count: the first answer the citizen was given, when a
    withdrawn answer was replaced (within a day) by the one in force; none while a withdrawn
    answer awaits its replacement.

    >>> d = datetime.date
    >>> _answer_counted(d(2024, 3, 28), first_withdrawn=d(2024, 3, 27))
    datetime.date(2024, 3, 27)
    >>> _answer_counted(None, first_withdrawn=d(2024, 3, 27)) is None
    True
    """
    if answered is None or first_withdrawn is None:
        return answered
    return min(answered, first_withdrawn)


def working_days_counter(
    origin: datetime.date, closing: Collection[datetime.date]
) -> Callable[[datetime.date, datetime.date], int]:
    """Working days from `sent` to `answered` (the days in (sent, answered]), counting the
    working days from a fixed day `origin` before the period to each date once per date."""

    @functools.cache
    def since_origin(day: datetime.date) -> int:
        return deadlines.working_days_between(origin, day, closing_days=closing)

    def working_days(sent: datetime.date, answered: datetime.date) -> int:
        if answered <= sent:
            return 0
        return since_origin(answered) - since_origin(sent)

    return working_days


def forwarding_statistics(
    *,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    area_id: int | None = None,
    department_id: int | None = None,
) -> ForwardingStatistics:
    """Every forwarding sent from `start` to `end` within the scope, counted as of `today`:
    per recipient (department, or an area's management) and overall. The overall median is
    taken over all the scope's answers, each recipient keeps its own."""
    rows = _rows(start, end, in_scope(area_id=area_id, department_id=department_id))
    working_days = working_days_counter(
        start - datetime.timedelta(days=1), ClosingDay.objects.as_set()
    )
    by_recipient: dict[Recipient, list[ForwardingRow]] = {}
    for row in rows:
        by_recipient.setdefault(row.recipient, []).append(row)
    return ForwardingStatistics(
        start=start,
        end=end,
        overall=forwarding_figures(rows, today=today, working_days=working_days),
        by_department={
            recipient: forwarding_figures(group, today=today, working_days=working_days)
            for recipient, group in sorted(by_recipient.items(), key=_recipient_order)
        },
    )


def _recipient_order(item: tuple[Recipient, list[ForwardingRow]]) -> tuple[int, int]:
    return item[0].area_id, item[0].department_id or 0
