"""The report's figures as plain, frozen data: the types `report_statistics` returns.

See `borgerraadgiver.reports.statistics` for what each field means and how it is counted.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.periods import ReportPeriod


def percent_of(count: int, total: int) -> int:
    """A whole percentage rounded half up, as the report prints it; 0 of nothing is 0."""
    if not total:
        return 0
    return int((Decimal(count) * 100 / Decimal(total)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class NamedCount:
    name: str
    count: int


@dataclass(frozen=True)
class HandlingCount:
    name: str
    kind: str
    count: int
    percent: int


@dataclass(frozen=True)
class AreaStatistics:
    area: str
    kind: str
    count: int
    previous_count: int
    departments: tuple[NamedCount, ...]
    handling: tuple[HandlingCount, ...]
    advice_only: int
    dialogue: int
    forwarded: int
    other: int
    reasons_advice_only: tuple[NamedCount, ...]
    reasons_involved: tuple[NamedCount, ...]
    actions: tuple[NamedCount, ...]

    @property
    def involved(self) -> int:
        return self.dialogue + self.forwarded


@dataclass(frozen=True)
class DepartmentForwarding:
    department: str
    figures: ForwardingFigures


@dataclass(frozen=True)
class ForwardingSummary:
    overall: ForwardingFigures
    by_department: tuple[DepartmentForwarding, ...]


@dataclass(frozen=True)
class ReportStatistics:
    period: ReportPeriod
    previous_period: ReportPeriod
    area: str | None
    department: str | None
    total: int
    previous_total: int
    by_area: tuple[AreaStatistics, ...]
    by_handling: tuple[HandlingCount, ...]
    previous_by_handling: tuple[NamedCount, ...]
    advice_only: int
    dialogue: int
    forwarded: int
    other: int
    advice_only_percent: int
    involved_percent: int
    reasons_advice_only: tuple[NamedCount, ...]
    reasons_involved: tuple[NamedCount, ...]
    actions: tuple[NamedCount, ...]
    activities: tuple[NamedCount, ...]
    follow_up_questions_asked: int
    forwarding: ForwardingSummary
    computed_on: datetime.date

    @property
    def involved(self) -> int:
        return self.dialogue + self.forwarded

    @property
    def change(self) -> int:
        return self.total - self.previous_total

    def area_named(self, name: str) -> AreaStatistics:
        for area in self.by_area:
            if area.area == name:
                return area
        raise KeyError(name)
