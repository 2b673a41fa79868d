"""The forwarding figures for a period, per department and overall, as the report uses them.

Aggregates only: no person, no summary, no case number. A forwarding belongs to the period in
which it was sent. A handful of queries whatever the number of forwardings.
"""

import datetime
import functools
import statistics
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import Extension, FollowUpQuestion, Forwarding
from borgerraadgiver.organisation.models import ClosingDay


def _counted(how: str) -> dict[str, str]:
    """A field's definition, as its metadata: how it is counted (`docs/reports.md` prints it)."""
    return {"counted": how}


@dataclass(frozen=True)
class ForwardingFigures:
    """The forwarding figures of one department, or of several together: the one type the
    forwarding pages, the statistics and the report share (the report's `ForwardingSummary`
    holds them per department and overall)."""

    sent: int = field(
        default=0,
        metadata=_counted(
            "Forwardings sent in the period (by `sent_date`); drafts and stopped ones are left out."
        ),
    )
    dialogue: int = field(default=0, metadata=_counted("Of those, dialogue cases."))
    forwarded: int = field(default=0, metadata=_counted("Of those, forwarded complaints."))
    answered_on_time: int = field(
        default=0,
        metadata=_counted(
            "Answered on or before the deadline in force: the first deadline, or the last later "
            "date the department asked for. An answer on the deadline day is on time."
        ),
    )
    answered_late: int = field(
        default=0, metadata=_counted("Answered after the deadline in force.")
    )
    unanswered_overdue: int = field(
        default=0,
        metadata=_counted(
            "Not answered, and the deadline in force is before the day the figures are computed "
            "for; on the deadline day itself it is not yet overdue."
        ),
    )
    unanswered_not_yet_due: int = field(
        default=0,
        metadata=_counted(
            "Not answered, and the deadline in force is that day or later (or the advisor closed "
            "it without an answer)."
        ),
    )
    extensions: int = field(default=0, metadata=_counted("Later dates the departments asked for."))
    follow_up_questions: int = field(
        default=0, metadata=_counted("Follow-up questions asked on these forwardings.")
    )
    median_working_days_to_answer: float | None = field(
        default=None,
        metadata=_counted(
            "The median of the working days (Danish calendar and the office's closing days) from "
            "sending to the answer, over the answered forwardings; none without an answer."
        ),
    )
    outcomes: Mapping[str, int] = field(
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


@dataclass
class ForwardingStatistics:
    start: datetime.date
    end: datetime.date
    overall: ForwardingFigures
    by_department: dict[str, ForwardingFigures]


def _median(days: list[int]) -> float | None:
    return float(statistics.median(days)) if days else None


def _figures(
    rows: Iterable[dict[str, object]],
    *,
    today: datetime.date,
    working_days: Callable[[datetime.date, datetime.date], int],
) -> tuple[ForwardingFigures, list[int]]:
    """The figures of `rows`, and the working days each answered one took (for a median)."""
    counts: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    days_to_answer: list[int] = []
    for row in rows:
        sent = row["sent_date"]
        assert isinstance(sent, datetime.date)
        # The deadline in force before any follow-up question: the first, or the last later date
        # the department asked for.
        in_force = row["last_extension"] or row["original_deadline_date"]
        assert isinstance(in_force, datetime.date)
        counts["sent"] += 1
        counts["dialogue" if row["kind"] == Forwarding.Kind.DIALOGUE else "forwarded"] += 1
        answered = row["answered_date"]
        if isinstance(answered, datetime.date):
            counts["answered_on_time" if answered <= in_force else "answered_late"] += 1
            days_to_answer.append(working_days(sent, answered))
        elif row["status"] == Forwarding.Status.SENT and in_force < today:
            counts["unanswered_overdue"] += 1
        else:
            counts["unanswered_not_yet_due"] += 1
        counts["extensions"] += int(row["extension_count"])  # type: ignore[call-overload]
        counts["follow_up_questions"] += int(row["question_count"])  # type: ignore[call-overload]
        if row["outcome"]:
            outcomes[str(row["outcome"])] += 1
    figures = ForwardingFigures(
        **{name: counts[name] for name in COUNTS},
        median_working_days_to_answer=_median(days_to_answer),
        outcomes=dict(sorted(outcomes.items())),
    )
    return figures, days_to_answer


def _sum(parts: list[tuple[ForwardingFigures, list[int]]]) -> ForwardingFigures:
    """The departments' figures together; the median is taken over all their answers."""
    outcomes: Counter[str] = Counter()
    days_to_answer: list[int] = []
    for figures, days in parts:
        outcomes.update(figures.outcomes)
        days_to_answer.extend(days)
    return ForwardingFigures(
        **{name: sum(getattr(figures, name) for figures, _days in parts) for name in COUNTS},
        median_working_days_to_answer=_median(days_to_answer),
        outcomes=dict(sorted(outcomes.items())),
    )


def _count(rows: QuerySet) -> Subquery:
    """The number of `rows` (filtered by an OuterRef) as a scalar subquery."""
    return Subquery(
        rows.values("forwarding").annotate(n=Count("*")).values("n"), output_field=IntegerField()
    )


def _rows(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """One row per forwarding sent from `start` to `end`, with what the figures need of it."""
    # The extensions and follow-up questions of each forwarding are read by correlated
    # subqueries (one index look-up each) rather than a join with COUNT(DISTINCT) over every row.
    extensions = Extension.objects.filter(forwarding=OuterRef("pk")).order_by()
    questions = FollowUpQuestion.objects.filter(forwarding=OuterRef("pk")).order_by()
    return list(
        Forwarding.objects.filter(sent_date__gte=start, sent_date__lte=end)
        .exclude(status__in=[Forwarding.Status.DRAFT, Forwarding.Status.CANCELLED])
        .annotate(
            last_extension=Subquery(
                extensions.order_by("-new_deadline_date").values("new_deadline_date")[:1]
            ),
            extension_count=Coalesce(_count(extensions), 0),
            question_count=Coalesce(_count(questions), 0),
        )
        .values(
            "kind",
            "status",
            "sent_date",
            "original_deadline_date",
            "answered_date",
            "outcome",
            "last_extension",
            "extension_count",
            "question_count",
            "department__name",
        )
        .order_by("department__name")  # type: ignore[arg-type]
    )


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
    *, start: datetime.date, end: datetime.date, today: datetime.date
) -> ForwardingStatistics:
    """Every forwarding sent from `start` to `end`, counted as of `today`."""
    rows = _rows(start, end)
    working_days = working_days_counter(
        start - datetime.timedelta(days=1), ClosingDay.objects.as_set()
    )
    by_department: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_department.setdefault(str(row["department__name"]), []).append(row)
    # Each forwarding is counted once, in its department; the overall figures are their sum.
    parts = {
        name: _figures(department_rows, today=today, working_days=working_days)
        for name, department_rows in by_department.items()
    }
    return ForwardingStatistics(
        start=start,
        end=end,
        overall=_sum(list(parts.values())),
        by_department={name: figures for name, (figures, _days) in parts.items()},
    )
