"""The forwarding figures for a period, per department and overall, as the report uses them.

Aggregates only: no person, no summary, no case number. A forwarding belongs to the period in
which it was sent. A handful of queries whatever the number of forwardings.
"""

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.organisation.models import ClosingDay


@dataclass
class ForwardingFigures:
    sent: int = 0
    dialogue: int = 0
    forwarded: int = 0
    answered_on_time: int = 0
    answered_late: int = 0
    unanswered_overdue: int = 0
    unanswered_not_yet_due: int = 0
    extensions: int = 0
    follow_up_questions: int = 0
    median_working_days_to_answer: float | None = None
    outcomes: dict[str, int] = field(default_factory=dict)


@dataclass
class ForwardingStatistics:
    start: datetime.date
    end: datetime.date
    overall: ForwardingFigures
    by_department: dict[str, ForwardingFigures]


def _figures(
    rows: Iterable[dict[str, object]], *, today: datetime.date, closing: frozenset[datetime.date]
) -> ForwardingFigures:
    figures = ForwardingFigures()
    days_to_answer: list[int] = []
    for row in rows:
        sent = row["sent_date"]
        assert isinstance(sent, datetime.date)
        # The deadline in force before any follow-up question: the first, or the last later date
        # the department asked for.
        in_force = row["last_extension"] or row["original_deadline_date"]
        assert isinstance(in_force, datetime.date)
        figures.sent += 1
        if row["kind"] == Forwarding.Kind.DIALOGUE:
            figures.dialogue += 1
        else:
            figures.forwarded += 1
        answered = row["answered_date"]
        if isinstance(answered, datetime.date):
            if answered <= in_force:
                figures.answered_on_time += 1
            else:
                figures.answered_late += 1
            days_to_answer.append(
                deadlines.working_days_between(sent, answered, closing_days=closing)
            )
        elif row["status"] == Forwarding.Status.SENT and in_force < today:
            figures.unanswered_overdue += 1
        else:
            figures.unanswered_not_yet_due += 1
        figures.extensions += int(row["extension_count"])  # type: ignore[call-overload]
        figures.follow_up_questions += int(row["question_count"])  # type: ignore[call-overload]
        if row["outcome"]:
            # Keyed by the outcome's code; a renderer shows Forwarding.Outcome's label.
            code = str(row["outcome"])
            figures.outcomes[code] = figures.outcomes.get(code, 0) + 1
    if days_to_answer:
        figures.median_working_days_to_answer = float(statistics.median(days_to_answer))
    return figures


def forwarding_statistics(
    *, start: datetime.date, end: datetime.date, today: datetime.date
) -> ForwardingStatistics:
    """Every forwarding sent from `start` to `end`, counted as of `today`."""
    rows: list[dict[str, object]] = list(
        Forwarding.objects.filter(sent_date__gte=start, sent_date__lte=end)
        .exclude(status__in=[Forwarding.Status.DRAFT, Forwarding.Status.CANCELLED])
        .annotate(
            last_extension=Max("extensions__new_deadline_date"),
            extension_count=Count("extensions", distinct=True),
            question_count=Count("follow_up_questions", distinct=True),
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
    closing = ClosingDay.objects.as_set()
    by_department: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_department.setdefault(str(row["department__name"]), []).append(row)
    return ForwardingStatistics(
        start=start,
        end=end,
        overall=_figures(rows, today=today, closing=closing),
        by_department={
            name: _figures(department_rows, today=today, closing=closing)
            for name, department_rows in by_department.items()
        },
    )
