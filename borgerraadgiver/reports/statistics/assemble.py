"""The last step of the statistics: the tallied counts, named and ordered as the report prints
them. Pure: lists and counts in, a frozen `ReportStatistics` out.
"""

import datetime
from collections.abc import Mapping

from borgerraadgiver.forwarding.statistics import Recipient
from borgerraadgiver.organisation.models import Action
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    DepartmentForwarding,
    ForwardingSummary,
    HandlingCount,
    NamedCount,
    ReportStatistics,
    percent_of,
)
from borgerraadgiver.reports.statistics.fetch import Fetched, Lists, Scope
from borgerraadgiver.reports.statistics.tally import (
    ADVICE,
    DIALOGUE,
    FORWARDED,
    OTHER,
    AreaRef,
    Counts,
    DepartmentRef,
    HandlingRef,
    ListItem,
    Tally,
    kind_total,
)

FOLLOW_UP_QUESTION = Action.Kind.FOLLOW_UP_QUESTION.value


def _overlaps(obj: AreaRef | DepartmentRef, period: ReportPeriod) -> bool:
    return (obj.valid_from is None or obj.valid_from <= period.end) and (
        obj.valid_to is None or obj.valid_to >= period.start
    )


def _named(counts: Counts, items: tuple[ListItem, ...]) -> tuple[NamedCount, ...]:
    """Counts keyed by id, as NamedCounts in the administrator's order, leaving out zeros."""
    return tuple(NamedCount(item.name, counts[item.pk]) for item in items if counts.get(item.pk))


def _handling(
    counts: Counts, of: int, handling_types: tuple[HandlingRef, ...]
) -> tuple[HandlingCount, ...]:
    return tuple(
        HandlingCount(h.name, h.kind, counts[h.pk], percent_of(counts[h.pk], of))
        for h in handling_types
        if counts.get(h.pk)
    )


def _area(
    area: AreaRef, *, lists: Lists, counts: Tally, scope: Scope, period: ReportPeriod
) -> AreaStatistics:
    kinds = lists.handling_kind

    def reasons(group: str) -> Counts:
        return counts.reasons_by_area.get((area.pk, group), {})

    handling = counts.handling_by_area.get(area.pk, {})
    count = counts.by_area.get(area.pk, 0)
    departments = tuple(
        NamedCount(d.name, counts.by_department.get(d.pk, 0), d.pk)
        for d in lists.departments
        if d.area_id == area.pk
        and (scope.department is None or d.pk == scope.department.pk)
        and (counts.by_department.get(d.pk) or _overlaps(d, period))
    )
    return AreaStatistics(
        area=area.name,
        kind=area.kind,
        count=count,
        previous_count=counts.previous_by_area.get(area.pk, 0),
        departments=departments,
        handling=_handling(handling, count, lists.handling_types),
        advice_only=kind_total(handling, kinds, ADVICE),
        dialogue=kind_total(handling, kinds, DIALOGUE),
        forwarded=kind_total(handling, kinds, FORWARDED),
        other=kind_total(handling, kinds, OTHER),
        reasons_advice_only=_named(
            counts.reasons_by_area.get((area.pk, "advice"), {}), lists.reasons
        ),
        reasons_involved=_named(
            counts.reasons_by_area.get((area.pk, "involved"), {}), lists.reasons
        ),
        actions=_named(counts.actions_by_area.get(area.pk, {}), lists.actions),
        area_id=area.pk,
    )


def _areas(
    *, lists: Lists, counts: Tally, scope: Scope, period: ReportPeriod
) -> tuple[AreaStatistics, ...]:
    """Every area valid in the period or with inquiries in either period, in sort order."""
    return tuple(
        _area(a, lists=lists, counts=counts, scope=scope, period=period)
        for a in lists.areas
        if (scope.area is None or a.pk == scope.area.pk)
        and (counts.by_area.get(a.pk) or counts.previous_by_area.get(a.pk) or _overlaps(a, period))
    )


def _forwarding(fetched: Fetched) -> ForwardingSummary:
    """The forwarding figures (already in the report's scope) per department, named, in the
    administrator's order of areas and departments; an area's management after its departments."""
    lists = fetched.lists
    areas = {a.pk: (index, a.name) for index, a in enumerate(lists.areas)}
    departments = {d.pk: (index, d.name) for index, d in enumerate(lists.departments)}

    def order(recipient: Recipient) -> tuple[int, int]:
        area_index = areas.get(recipient.area_id, (len(areas), ""))[0]
        if recipient.department_id is None:
            return area_index, len(departments)
        return area_index, departments[recipient.department_id][0]

    by_department = tuple(
        DepartmentForwarding(
            department=departments[recipient.department_id][1]
            if recipient.department_id is not None
            else areas.get(recipient.area_id, (0, ""))[1],
            figures=figures,
            department_id=recipient.department_id,
            area_id=recipient.area_id,
        )
        for recipient, figures in sorted(
            fetched.forwarding.by_department.items(), key=lambda item: order(item[0])
        )
    )
    return ForwardingSummary(overall=fetched.forwarding.overall, by_department=by_department)


def assemble(
    fetched: Fetched,
    counts: Tally,
    *,
    period: ReportPeriod,
    scope: Scope,
    today: datetime.date,
) -> ReportStatistics:
    """The report's figures: `counts` named and ordered by `fetched.lists`."""
    lists, kinds, total = fetched.lists, fetched.lists.handling_kind, counts.total
    shown_handling = [
        h
        for h in lists.handling_types
        if counts.by_handling.get(h.pk) or counts.previous_by_handling.get(h.pk)
    ]
    advice_only = kind_total(counts.by_handling, kinds, ADVICE)
    involved = kind_total(counts.by_handling, kinds, DIALOGUE, FORWARDED)
    return ReportStatistics(
        period=period,
        previous_period=period.previous(),
        area=scope.area.name if scope.area is not None else None,
        department=scope.department.name if scope.department is not None else None,
        total=total,
        previous_total=counts.previous_total,
        by_area=_areas(lists=lists, counts=counts, scope=scope, period=period),
        by_handling=tuple(
            HandlingCount(h.name, h.kind, *_with_percent(counts.by_handling.get(h.pk, 0), total))
            for h in shown_handling
        ),
        previous_by_handling=tuple(
            NamedCount(h.name, counts.previous_by_handling.get(h.pk, 0)) for h in shown_handling
        ),
        advice_only=advice_only,
        dialogue=kind_total(counts.by_handling, kinds, DIALOGUE),
        forwarded=kind_total(counts.by_handling, kinds, FORWARDED),
        other=kind_total(counts.by_handling, kinds, OTHER),
        advice_only_percent=percent_of(advice_only, total),
        involved_percent=percent_of(involved, total),
        reasons_advice_only=_named(counts.reasons.get("advice", {}), lists.reasons),
        reasons_involved=_named(counts.reasons.get("involved", {}), lists.reasons),
        actions=_actions(counts.actions, lists.actions),
        activities=_named(fetched.activities, lists.activity_kinds),
        # One record: a follow-up question, asked on a forwarding or registered by hand, is
        # the counted action of the follow-up kind on one of the period's inquiries.
        follow_up_questions_asked=sum(
            counts.actions.get(a.pk, 0) for a in lists.actions if a.kind == FOLLOW_UP_QUESTION
        ),
        declined_forwarding=fetched.declined_forwarding,
        forwarding=_forwarding(fetched),
        computed_on=today,
        area_id=scope.ids()["area_id"],
        department_id=scope.ids()["department_id"],
    )


def _with_percent(count: int, total: int) -> tuple[int, int]:
    return count, percent_of(count, total)


def _actions(counts: Mapping[int, int], actions: tuple[ListItem, ...]) -> tuple[NamedCount, ...]:
    """Every action in use, also with 0, and any other with a count."""
    return tuple(
        NamedCount(a.name, counts.get(a.pk, 0)) for a in actions if a.is_active or counts.get(a.pk)
    )
