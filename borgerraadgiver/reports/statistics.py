"""The one statistics source: every figure of the annual report, for a period.

`report_statistics(period=…, area=…, department=…, today=…)` returns a `ReportStatistics`;
every output (the page, JSON, CSV, XLSX, HTML, DOCX, PDF, the charts) formats that structure and
computes nothing of its own. It is plain, frozen data with no model instances, so it can be
stored as JSON (`statistics_as_json`) and read back (`statistics_from_json`) for a frozen report.

How it counts (DOMAIN.md, "How to count"):
- An inquiry belongs to the period of its `received_date`.
- Every inquiry has one main handling. "Advice only" = handling of kind advice; "involved" =
  kind dialogue or forwarded; the rest (meetings, help with a complaint or an application,
  other) is kind other.
- An inquiry with several reasons counts once under each reason.
- Counted actions are `InquiryAction` rows on the period's inquiries (an inquiry may carry any
  number beside its main handling); `follow_up_questions_asked` is those of the follow-up kind
  (one record whether asked on a forwarding or registered by hand).
- Activities are `Activity` rows dated in the period, per kind.
- Forwarding figures come from `forwarding.statistics.forwarding_statistics`: forwardings *sent*
  in the period.
- Names are the display names the administrator entered, in the administrator's sort order.

It runs a fixed number of aggregate queries (GROUP BY in the database) however many inquiries.

The API (all frozen dataclasses; tuples, never lists):

`NamedCount(name, count)`.

`HandlingCount(name, kind, count, percent)`: `kind` is `HandlingType.Kind` ("advice",
"dialogue", "forwarded", "other"); `percent` is of the total, a whole number rounded half up
(as the report prints "74 %").

`AreaStatistics`: `area` (name), `kind` (`Area.Kind`: "administration", "general",
"outside_competence"), `count`, `previous_count`, `departments` (NamedCount per department,
departments valid in the period even with 0; inquiries without a department are not listed),
`handling` (HandlingCount per handling type with count > 0, percent of the area's count),
`advice_only`, `dialogue`, `forwarded`, `involved` (= dialogue + forwarded), `other`,
`reasons_advice_only`, `reasons_involved` (NamedCount with count > 0), `actions` (NamedCount).

`ForwardingCounts`: `sent`, `dialogue`, `forwarded`, `answered_on_time`, `answered_late`,
`unanswered_overdue`, `unanswered_not_yet_due`, `extensions`, `follow_up_questions`,
`median_working_days_to_answer` (float or None), `outcomes` (NamedCount per
`Forwarding.Outcome` code).
`ForwardingSummary`: `overall` (ForwardingCounts), `by_department` (tuple of
`DepartmentForwarding(department, figures)`).

`ReportStatistics`: `period`, `previous_period` (ReportPeriod), `area`, `department` (the
filter's names or None), `total`, `previous_total`, `by_area` (AreaStatistics, every area valid
in the period or with inquiries in it, in sort order), `by_handling` (HandlingCount for every
handling type with a count in this or the previous period), `previous_by_handling`
(NamedCount), `advice_only`, `dialogue`, `forwarded`, `involved`, `other` and
`advice_only_percent`, `involved_percent`, `reasons_advice_only`, `reasons_involved`,
`actions` (NamedCount per counted action, every action in use or counted), `activities`
(NamedCount per activity kind), `follow_up_questions_asked`, `forwarding` (ForwardingSummary),
`computed_on` (the `today` it was computed for).
Convenience: `change` (total − previous_total), `area_named(name)`.
"""

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.forwarding.statistics import ForwardingFigures, forwarding_statistics
from borgerraadgiver.inquiries.models import Inquiry, InquiryAction
from borgerraadgiver.organisation.models import (
    Action,
    ActivityKind,
    Area,
    Department,
    HandlingType,
    Reason,
)
from borgerraadgiver.organisation.periods import (
    ReportPeriod,
    report_period_between,
    report_period_containing,
    report_period_for_year,
)
from borgerraadgiver.reports.contract import statistics_as_json, statistics_from_json
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    DepartmentForwarding,
    ForwardingCounts,
    ForwardingSummary,
    HandlingCount,
    NamedCount,
    ReportStatistics,
    percent_of,
)

__all__ = [
    "AreaStatistics",
    "DepartmentForwarding",
    "ForwardingCounts",
    "ForwardingSummary",
    "HandlingCount",
    "NamedCount",
    "ReportPeriod",
    "ReportStatistics",
    "percent_of",
    "report_period_between",
    "report_period_containing",
    "report_period_for_year",
    "report_statistics",
    "statistics_as_json",
    "statistics_from_json",
]

ADVICE = HandlingType.Kind.ADVICE.value
DIALOGUE = HandlingType.Kind.DIALOGUE.value
FORWARDED = HandlingType.Kind.FORWARDED.value
OTHER = HandlingType.Kind.OTHER.value


def _overlaps(obj: Area | Department, period: ReportPeriod) -> bool:
    return (obj.valid_from is None or obj.valid_from <= period.end) and (
        obj.valid_to is None or obj.valid_to >= period.start
    )


def _named(counts: dict[int, int], names: list[tuple[int, str]]) -> tuple[NamedCount, ...]:
    """Counts keyed by id, as NamedCounts in the administrator's order, leaving out zeros."""
    return tuple(NamedCount(name, counts[pk]) for pk, name in names if counts.get(pk))


def _forwarding_counts(figures: ForwardingFigures) -> ForwardingCounts:
    return ForwardingCounts(
        sent=figures.sent,
        dialogue=figures.dialogue,
        forwarded=figures.forwarded,
        answered_on_time=figures.answered_on_time,
        answered_late=figures.answered_late,
        unanswered_overdue=figures.unanswered_overdue,
        unanswered_not_yet_due=figures.unanswered_not_yet_due,
        extensions=figures.extensions,
        follow_up_questions=figures.follow_up_questions,
        median_working_days_to_answer=figures.median_working_days_to_answer,
        outcomes=tuple(NamedCount(code, n) for code, n in sorted(figures.outcomes.items())),
    )


def _sum_forwarding(parts: list[ForwardingCounts]) -> ForwardingCounts:
    """The figures of several departments together; a median does not add up, so it is left
    out (None) unless there is only one department."""
    if len(parts) == 1:
        return parts[0]
    outcomes: dict[str, int] = defaultdict(int)
    for part in parts:
        for outcome in part.outcomes:
            outcomes[outcome.name] += outcome.count
    fields = (
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
    totals = {name: sum(getattr(part, name) for part in parts) for name in fields}
    return ForwardingCounts(
        **totals,
        outcomes=tuple(NamedCount(code, n) for code, n in sorted(outcomes.items())),
    )


def report_statistics(
    *,
    period: ReportPeriod,
    area: Area | None = None,
    department: Department | None = None,
    today: datetime.date,
) -> ReportStatistics:
    """Every figure of the report for `period`, optionally for one area or one department.

    Aggregates only: no person, summary or case number is read. A fixed number of queries.
    """
    previous = period.previous()
    if department is not None:
        area = department.area

    inquiry_filter = _filter_kwargs(area, department)
    through_filter = {f"inquiry__{k}": v for k, v in inquiry_filter.items()}

    # The administrator's lists: small tables, read whole so the aggregates need no joins.
    areas = list(Area.objects.order_by("sort_order", "name", "pk"))
    departments = list(Department.objects.order_by("sort_order", "name", "pk"))
    handling_types = list(HandlingType.objects.order_by("sort_order", "name", "pk"))
    reason_names = list(
        Reason.objects.order_by("sort_order", "name", "pk").values_list("pk", "name")
    )
    action_rows_all = list(
        Action.objects.order_by("sort_order", "name", "pk").values_list(
            "pk", "name", "is_active", "kind"
        )
    )
    actions = [(pk, name, active) for pk, name, active, _kind in action_rows_all]
    action_names = [(pk, name) for pk, name, _active in actions]
    follow_up_action_ids = {
        pk for pk, _n, _a, kind in action_rows_all if kind == Action.Kind.FOLLOW_UP_QUESTION
    }
    activity_kinds = list(
        ActivityKind.objects.order_by("sort_order", "name", "pk").values_list("pk", "name")
    )
    handling_kind = {h.pk: h.kind for h in handling_types}

    def counts_by_place(p: ReportPeriod) -> list[Any]:
        return list(
            Inquiry.objects.received_in(p.start, p.end)
            .filter(**inquiry_filter)
            .values("area_id", "department_id", "handling_type_id")
            .annotate(n=Count("*"))
            .order_by()
        )

    rows = counts_by_place(period)
    previous_rows = counts_by_place(previous)

    in_period = {
        "inquiry__received_date__gte": period.start,
        "inquiry__received_date__lte": period.end,
        **through_filter,
    }
    # Only advice and involvement list reasons: the other handlings' inquiries are left out in
    # the database (the index holds the handling), so their reason links are never read.
    reason_handling = [h.pk for h in handling_types if h.kind in (ADVICE, DIALOGUE, FORWARDED)]
    reason_rows = list(
        Inquiry.reasons.through.objects.filter(
            **in_period, inquiry__handling_type_id__in=reason_handling
        )
        .values("inquiry__area_id", "inquiry__handling_type_id", "reason_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    action_rows = list(
        InquiryAction.objects.filter(**in_period)
        .values("inquiry__area_id", "action_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    activities = Activity.objects.filter(
        activity_date__gte=period.start, activity_date__lte=period.end
    )
    if department is not None:
        activities = activities.filter(department_id=department.pk)
    elif area is not None:
        activities = activities.filter(department__area_id=area.pk)
    activity_counts = dict(activities.values_list("kind_id").annotate(n=Count("*")).order_by())
    # One record: a follow-up question, asked on a forwarding or registered by hand, is the
    # counted action of the follow-up kind on one of the period's inquiries.
    follow_up_questions_asked = sum(
        row["n"] for row in action_rows if row["action_id"] in follow_up_action_ids
    )
    forwarding = forwarding_statistics(start=period.start, end=period.end, today=today)

    # Sum up in Python: the rows are the few groups the database returned, never inquiries.
    total = sum(row["n"] for row in rows)
    previous_total = sum(row["n"] for row in previous_rows)
    area_count: dict[int, int] = defaultdict(int)
    previous_area_count: dict[int, int] = defaultdict(int)
    department_count: dict[int, int] = defaultdict(int)
    area_handling: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    handling_count: dict[int, int] = defaultdict(int)
    previous_handling_count: dict[int, int] = defaultdict(int)
    for row in rows:
        area_count[row["area_id"]] += row["n"]
        if row["department_id"] is not None:
            department_count[row["department_id"]] += row["n"]
        area_handling[row["area_id"]][row["handling_type_id"]] += row["n"]
        handling_count[row["handling_type_id"]] += row["n"]
    for row in previous_rows:
        previous_area_count[row["area_id"]] += row["n"]
        previous_handling_count[row["handling_type_id"]] += row["n"]

    area_reasons: dict[tuple[int, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    year_reasons: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for reason_row in reason_rows:
        kind = handling_kind[reason_row["inquiry__handling_type_id"]]
        group = "advice" if kind == ADVICE else "involved" if kind in (DIALOGUE, FORWARDED) else ""
        if group:
            reason_id, n = reason_row["reason_id"], reason_row["n"]
            area_reasons[(reason_row["inquiry__area_id"], group)][reason_id] += n
            year_reasons[group][reason_id] += n
    area_actions: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    action_count: dict[int, int] = defaultdict(int)
    for action_row in action_rows:
        area_actions[action_row["inquiry__area_id"]][action_row["action_id"]] += action_row["n"]
        action_count[action_row["action_id"]] += action_row["n"]

    def kind_total(counts: dict[int, int], *kinds: str) -> int:
        return sum(n for pk, n in counts.items() if handling_kind[pk] in kinds)

    def handling_tuple(counts: dict[int, int], of: int) -> tuple[HandlingCount, ...]:
        return tuple(
            HandlingCount(h.name, h.kind, counts[h.pk], percent_of(counts[h.pk], of))
            for h in handling_types
            if counts.get(h.pk)
        )

    by_area = []
    for a in areas:
        if area is not None and a.pk != area.pk:
            continue
        if not (area_count.get(a.pk) or previous_area_count.get(a.pk) or _overlaps(a, period)):
            continue
        handling = area_handling.get(a.pk, {})
        area_departments = tuple(
            NamedCount(d.name, department_count.get(d.pk, 0))
            for d in departments
            if d.area_id == a.pk
            and (department is None or d.pk == department.pk)
            and (department_count.get(d.pk) or _overlaps(d, period))
        )
        by_area.append(
            AreaStatistics(
                area=a.name,
                kind=a.kind,
                count=area_count.get(a.pk, 0),
                previous_count=previous_area_count.get(a.pk, 0),
                departments=area_departments,
                handling=handling_tuple(handling, area_count.get(a.pk, 0)),
                advice_only=kind_total(handling, ADVICE),
                dialogue=kind_total(handling, DIALOGUE),
                forwarded=kind_total(handling, FORWARDED),
                other=kind_total(handling, OTHER),
                reasons_advice_only=_named(area_reasons.get((a.pk, "advice"), {}), reason_names),
                reasons_involved=_named(area_reasons.get((a.pk, "involved"), {}), reason_names),
                actions=_named(area_actions.get(a.pk, {}), action_names),
            )
        )

    shown_handling = [
        h for h in handling_types if handling_count.get(h.pk) or previous_handling_count.get(h.pk)
    ]
    if department is not None:
        department_names = {department.name}
    elif area is not None:
        department_names = {d.name for d in departments if d.area_id == area.pk}
    else:
        department_names = set()
    forwarding_by_department = tuple(
        DepartmentForwarding(name, _forwarding_counts(figures))
        for name, figures in forwarding.by_department.items()
        if not department_names or name in department_names
    )
    if department_names:
        overall = _sum_forwarding([d.figures for d in forwarding_by_department])
    else:
        overall = _forwarding_counts(forwarding.overall)

    advice_only = kind_total(handling_count, ADVICE)
    involved = kind_total(handling_count, DIALOGUE, FORWARDED)
    return ReportStatistics(
        period=period,
        previous_period=previous,
        area=area.name if area is not None else None,
        department=department.name if department is not None else None,
        total=total,
        previous_total=previous_total,
        by_area=tuple(by_area),
        by_handling=tuple(
            HandlingCount(
                h.name,
                h.kind,
                handling_count.get(h.pk, 0),
                percent_of(handling_count.get(h.pk, 0), total),
            )
            for h in shown_handling
        ),
        previous_by_handling=tuple(
            NamedCount(h.name, previous_handling_count.get(h.pk, 0)) for h in shown_handling
        ),
        advice_only=advice_only,
        dialogue=kind_total(handling_count, DIALOGUE),
        forwarded=kind_total(handling_count, FORWARDED),
        other=kind_total(handling_count, OTHER),
        advice_only_percent=percent_of(advice_only, total),
        involved_percent=percent_of(involved, total),
        reasons_advice_only=_named(year_reasons.get("advice", {}), reason_names),
        reasons_involved=_named(year_reasons.get("involved", {}), reason_names),
        actions=tuple(
            NamedCount(name, action_count.get(pk, 0))
            for pk, name, active in actions
            if active or action_count.get(pk)
        ),
        activities=_named(activity_counts, activity_kinds),
        follow_up_questions_asked=follow_up_questions_asked,
        forwarding=ForwardingSummary(overall=overall, by_department=forwarding_by_department),
        computed_on=today,
    )


def _filter_kwargs(area: Area | None, department: Department | None) -> dict[str, int]:
    kwargs = {}
    if area is not None:
        kwargs["area_id"] = area.pk
    if department is not None:
        kwargs["department_id"] = department.pk
    return kwargs
