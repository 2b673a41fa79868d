"""The annual report's recommendations, as plain frozen data: those made in the period, and the
status of earlier ones (made before it and still open at its start, or closed in it).

`report_recommendations` reads the register (four queries, whatever the number); `as_json` and
`from_json` are the report's JSON keys `recommendations` and `earlier_recommendations`, so a
frozen report keeps what it said. The renderers only format this.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from django.db.models import Prefetch

from borgerraadgiver.organisation.models import Department
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.models import (
    Recommendation,
    RecommendationEvent,
    Status,
)


def _counted(how: str, *, key: str | None = None) -> dict[str, Any]:
    """The figure's definition, in the form `reports.definitions` collects."""
    return {"counted": how, "key": key}


@dataclass(frozen=True)
class RecommendationLine:
    text: str = field(metadata=_counted("The recommendation as the advisor wrote it."))
    addressed_to: tuple[str, ...] = field(
        metadata=_counted(
            "The names of the areas and departments it is addressed to, areas first, in the "
            "administrator's order."
        )
    )
    status: str = field(
        metadata=_counted(
            "Its status on the day the figures were computed: `sent`, `answered`, `accepted`, "
            "`partly_accepted`, `declined`, `carried_out` or `not_carried_out` (the latest step "
            "of its history); a renderer shows the label."
        )
    )
    status_date: datetime.date = field(
        metadata=_counted("The date of the last change of status (the day it was sent at first).")
    )
    response_deadline: datetime.date = field(
        metadata=_counted("The date by which the administration was asked to respond.")
    )
    made_in: str = field(metadata=_counted("The report period it was made in (`2023`)."))
    response: str = field(
        default="",
        metadata=_counted("The administration's latest response, or empty while none is given."),
    )
    planned_action: str = field(
        default="",
        metadata=_counted("What the administration said it will do, in its latest response."),
    )
    closing_reason: str = field(
        default="",
        metadata=_counted("The advisor's reasons on closing it as carried out or not."),
    )

    @property
    def is_carried_out(self) -> bool:
        return self.status == Status.CARRIED_OUT

    @property
    def is_closed(self) -> bool:
        return self.status in (Status.CARRIED_OUT, Status.NOT_CARRIED_OUT)


@dataclass(frozen=True)
class RecommendationFigures:
    made: tuple[RecommendationLine, ...] = field(
        default=(),
        metadata=_counted(
            "The recommendations made in the period (the report period chosen when each was "
            "made lies within it), oldest first. Only in a report for the whole municipality.",
            key="recommendations",
        ),
    )
    earlier: tuple[RecommendationLine, ...] = field(
        default=(),
        metadata=_counted(
            "The recommendations made in an earlier period that were still open when this "
            "period began: closed in it, or open still. Only in a report for the whole "
            "municipality.",
            key="earlier_recommendations",
        ),
    )

    DERIVED: ClassVar[dict[str, str]] = {
        "earlier_carried_out_percent": "earlier_recommendations (share carried out)"
    }

    @property
    def earlier_carried_out(self) -> int:
        return sum(1 for line in self.earlier if line.is_carried_out)

    @property
    def earlier_carried_out_percent(self) -> int:
        """The share of the earlier recommendations carried out, a whole percentage rounded
        half up (0 of none is 0)."""
        if not self.earlier:
            return 0
        share = Decimal(self.earlier_carried_out) * 100 / Decimal(len(self.earlier))
        return int(share.quantize(Decimal(1), ROUND_HALF_UP))


def _line(recommendation: Recommendation) -> RecommendationLine:
    areas = sorted(recommendation.areas.all(), key=lambda a: (a.sort_order, a.name))
    departments = sorted(
        recommendation.departments.all(),
        key=lambda d: (d.area.sort_order, d.sort_order, d.name),
    )
    responses = [
        e for e in recommendation.events.all() if e.kind == RecommendationEvent.Kind.RESPONSE
    ]
    closings = [e for e in recommendation.events.all() if e.kind == RecommendationEvent.Kind.CLOSED]
    latest = responses[-1] if responses else None
    return RecommendationLine(
        text=recommendation.text,
        addressed_to=tuple(a.name for a in areas) + tuple(d.name for d in departments),
        status=recommendation.status,
        status_date=recommendation.status_date,
        response_deadline=recommendation.response_deadline_date,
        made_in=ReportPeriod(
            recommendation.period_start_date, recommendation.period_end_date
        ).label,
        response=latest.text if latest else "",
        planned_action=latest.planned_action if latest else "",
        closing_reason=closings[-1].text if closings else "",
    )


def report_recommendations(*, period: ReportPeriod) -> RecommendationFigures:
    """The period's recommendations and the earlier ones open at its start or closed in it."""
    rows = (
        Recommendation.objects.filter(period_start_date__lte=period.end)
        .exclude(period_start_date__lt=period.start, closed_date__lt=period.start)
        .prefetch_related(
            "areas",
            Prefetch("departments", queryset=Department.objects.select_related("area")),
            "events",
        )
        .order_by("period_start_date", "sent_date", "id")
    )
    made, earlier = [], []
    for recommendation in rows:
        if recommendation.period_start_date >= period.start:
            if recommendation.period_end_date <= period.end:
                made.append(_line(recommendation))
        elif recommendation.period_end_date < period.start:
            earlier.append(_line(recommendation))
    return RecommendationFigures(made=tuple(made), earlier=tuple(earlier))


def _line_json(line: RecommendationLine) -> dict[str, Any]:
    return {
        "text": line.text,
        "addressed_to": list(line.addressed_to),
        "status": line.status,
        "status_date": line.status_date.isoformat(),
        "response_deadline": line.response_deadline.isoformat(),
        "made_in": line.made_in,
        "response": line.response,
        "planned_action": line.planned_action,
        "closing_reason": line.closing_reason,
    }


def _line_from_json(data: dict[str, Any]) -> RecommendationLine:
    return RecommendationLine(
        text=data["text"],
        addressed_to=tuple(data["addressed_to"]),
        status=data["status"],
        status_date=datetime.date.fromisoformat(data["status_date"]),
        response_deadline=datetime.date.fromisoformat(data["response_deadline"]),
        made_in=data["made_in"],
        response=data.get("response", ""),
        planned_action=data.get("planned_action", ""),
        closing_reason=data.get("closing_reason", ""),
    )


def as_json(figures: RecommendationFigures) -> dict[str, Any]:
    """The report's two JSON keys."""
    return {
        "recommendations": [_line_json(line) for line in figures.made],
        "earlier_recommendations": [_line_json(line) for line in figures.earlier],
    }


def from_json(data: dict[str, Any]) -> RecommendationFigures:
    """Read back from a report's JSON; a report frozen before the register had none."""
    return RecommendationFigures(
        made=tuple(_line_from_json(line) for line in data.get("recommendations", [])),
        earlier=tuple(_line_from_json(line) for line in data.get("earlier_recommendations", [])),
    )
