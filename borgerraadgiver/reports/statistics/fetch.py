"""The SQL half of the statistics: the administrator's lists and the period's aggregates.

A fixed number of queries whatever the number of inquiries: six small list tables read whole,
then GROUP BY queries for the period and the previous period, the reasons, the counted actions
and the activities, the declined forwardings, and the forwarding figures. Everything it returns is
plain data (`tally.py`'s tuples): no model instance leaves this module.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.forwarding.models import ConsentRefusal
from borgerraadgiver.forwarding.statistics import (
    ForwardingStatistics,
    forwarding_statistics,
)
from borgerraadgiver.inquiries.models import Inquiry, InquiryAction
from borgerraadgiver.letters.selectors import letter_counts
from borgerraadgiver.organisation.models import (
    Action,
    ActivityKind,
    Area,
    Department,
    HandlingType,
    Reason,
)
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.reports.statistics.tally import (
    ADVICE,
    DIALOGUE,
    FORWARDED,
    ActionRow,
    AreaRef,
    DepartmentRef,
    HandlingRef,
    ListItem,
    PlaceRow,
    ReasonRow,
)

ORDER = ("sort_order", "name", "pk")


@dataclass(frozen=True)
class Lists:
    """The administrator's lists, each in the administrator's order."""

    areas: tuple[AreaRef, ...]
    departments: tuple[DepartmentRef, ...]
    handling_types: tuple[HandlingRef, ...]
    reasons: tuple[ListItem, ...]
    actions: tuple[ListItem, ...]
    activity_kinds: tuple[ListItem, ...]

    @property
    def handling_kind(self) -> dict[int, str]:
        return {h.pk: h.kind for h in self.handling_types}


@dataclass(frozen=True)
class Scope:
    """The part of the municipality a report covers: all of it, one area or one department."""

    area: AreaRef | None = None
    department: DepartmentRef | None = None

    def ids(self) -> dict[str, int | None]:
        return {
            "area_id": self.area.pk if self.area is not None else None,
            "department_id": self.department.pk if self.department is not None else None,
        }

    def inquiry_filter(self) -> dict[str, int]:
        kwargs = {}
        if self.area is not None:
            kwargs["area_id"] = self.area.pk
        if self.department is not None:
            kwargs["department_id"] = self.department.pk
        return kwargs


@dataclass(frozen=True)
class Fetched:
    """What the database returned for one report: lists, grouped rows, a few counts."""

    lists: Lists
    places: tuple[PlaceRow, ...]
    previous_places: tuple[PlaceRow, ...]
    reasons: tuple[ReasonRow, ...]
    actions: tuple[ActionRow, ...]
    activities: Mapping[int, int]  # activity kind id → count
    letters: Mapping[str, int]  # letter kind → letters sent
    declined_forwarding: int
    forwarding: ForwardingStatistics


def fetch_lists() -> Lists:
    """Small tables, read whole so the aggregates need no joins."""
    return Lists(
        areas=tuple(
            AreaRef(*row)
            for row in Area.objects.order_by(*ORDER).values_list(
                "pk", "name", "kind", "valid_from", "valid_to"
            )
        ),
        departments=tuple(
            DepartmentRef(*row)
            for row in Department.objects.order_by(*ORDER).values_list(
                "pk", "area_id", "name", "valid_from", "valid_to"
            )
        ),
        handling_types=tuple(
            HandlingRef(*row)
            for row in HandlingType.objects.order_by(*ORDER).values_list("pk", "name", "kind")
        ),
        reasons=tuple(
            ListItem(*row) for row in Reason.objects.order_by(*ORDER).values_list("pk", "name")
        ),
        actions=tuple(
            ListItem(*row)
            for row in Action.objects.order_by(*ORDER).values_list(
                "pk", "name", "is_active", "kind"
            )
        ),
        activity_kinds=tuple(
            ListItem(*row)
            for row in ActivityKind.objects.order_by(*ORDER).values_list("pk", "name")
        ),
    )


def scope_of(area: Area | None, department: Department | None) -> Scope:
    """The scope of a filter; a department's scope includes its area."""
    if department is not None:
        area = department.area
    return Scope(
        area=AreaRef(area.pk, area.name, area.kind, area.valid_from, area.valid_to)
        if area is not None
        else None,
        department=DepartmentRef(
            department.pk,
            department.area_id,
            department.name,
            department.valid_from,
            department.valid_to,
        )
        if department is not None
        else None,
    )


def _places(period: ReportPeriod, scope: Scope) -> tuple[PlaceRow, ...]:
    return tuple(
        PlaceRow(*row)
        for row in Inquiry.objects.received_in(period.start, period.end)
        .filter(**scope.inquiry_filter())
        .values_list("area_id", "department_id", "handling_type_id")
        .annotate(n=Count("*"))
        .order_by()
    )


def _in_period(period: ReportPeriod, scope: Scope) -> dict[str, Any]:
    """A filter on the rows that hang on an inquiry: the inquiry's date and scope."""
    return {
        "inquiry__received_date__gte": period.start,
        "inquiry__received_date__lte": period.end,
        **{f"inquiry__{key}": value for key, value in scope.inquiry_filter().items()},
    }


def _reasons(period: ReportPeriod, scope: Scope, lists: Lists) -> tuple[ReasonRow, ...]:
    # Only advice and involvement list reasons: the other handlings' inquiries are left out in
    # the database (the index holds the handling), so their reason links are never read.
    listed = [h.pk for h in lists.handling_types if h.kind in (ADVICE, DIALOGUE, FORWARDED)]
    return tuple(
        ReasonRow(*row)
        for row in Inquiry.reasons.through.objects.filter(
            **_in_period(period, scope), inquiry__handling_type_id__in=listed
        )
        .values_list("inquiry__area_id", "inquiry__handling_type_id", "reason_id")
        .annotate(n=Count("*"))
        .order_by()
    )


def _actions(period: ReportPeriod, scope: Scope) -> tuple[ActionRow, ...]:
    return tuple(
        ActionRow(*row)
        for row in InquiryAction.objects.filter(**_in_period(period, scope))
        .values_list("inquiry__area_id", "action_id")
        .annotate(n=Count("*"))
        .order_by()
    )


def _activities(period: ReportPeriod, scope: Scope) -> dict[int, int]:
    activities = Activity.objects.filter(
        activity_date__gte=period.start, activity_date__lte=period.end
    )
    if scope.department is not None:
        activities = activities.filter(department_id=scope.department.pk)
    elif scope.area is not None:
        activities = activities.filter(department__area_id=scope.area.pk)
    return dict(activities.values_list("kind_id").annotate(n=Count("*")).order_by())


def _declined(period: ReportPeriod, scope: Scope) -> int:
    """The period's inquiries where the citizen declined to have the case forwarded."""
    return (
        ConsentRefusal.objects.filter(**_in_period(period, scope))
        .values("inquiry_id")
        .distinct()
        .count()
    )


def fetch(*, period: ReportPeriod, scope: Scope, today: datetime.date) -> Fetched:
    """Every aggregate the report needs for `period` within `scope`, counted as of `today`."""
    lists = fetch_lists()
    return Fetched(
        lists=lists,
        places=_places(period, scope),
        previous_places=_places(period.previous(), scope),
        reasons=_reasons(period, scope, lists),
        actions=_actions(period, scope),
        activities=_activities(period, scope),
        letters=letter_counts(start=period.start, end=period.end, **scope.ids()),
        declined_forwarding=_declined(period, scope),
        forwarding=forwarding_statistics(
            start=period.start, end=period.end, today=today, **scope.ids()
        ),
    )
