"""The JSON contract: `ReportStatistics` as JSON-ready data, and back (for frozen reports).

The keys issue 4 requires (`period`, `total`, `previous_total`, `by_area`, `by_handling`,
`reasons_advice_only`, `reasons_involved`, `actions`) are kept as they are; the further figures
sit under their own keys. Objects keep the administrator's order. Dates are ISO strings.
`schema_version` rises if a key changes meaning; a frozen report keeps the version it was
stored with. Version 2 keys areas and departments by id as well (`area_id`, `department_id`):
two of the same name are two rows; version 1 (without ids) still reads back.
"""

import datetime
from typing import Any

from borgerraadgiver.feedback.figures import FeedbackFigures, KindFeedback, QuestionResult
from borgerraadgiver.forwarding.statistics import COUNTS as FORWARDING_COUNTS
from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations import report as recommendations_report
from borgerraadgiver.reports.counting import percent_of
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    DepartmentForwarding,
    ForwardingSummary,
    HandlingCount,
    NamedCount,
    ReportStatistics,
)
from borgerraadgiver.reports.learning_figures import MinutesFigures

SCHEMA_VERSION = 2


def _counts(
    items: tuple[NamedCount, ...] | tuple[HandlingCount, ...],
) -> dict[str, int | None]:
    return {item.name: item.count for item in items}


def _period(period: ReportPeriod) -> dict[str, str]:
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


def _forwarding(figures: ForwardingFigures) -> dict[str, Any]:
    return {
        **{name: getattr(figures, name) for name in FORWARDING_COUNTS},
        "median_working_days_to_answer": figures.median_working_days_to_answer,
        "outcomes": dict(figures.outcomes),
    }


def _area(area: AreaStatistics) -> dict[str, Any]:
    return {
        "area": area.area,
        "area_id": area.area_id,
        "kind": area.kind,
        "count": area.count,
        "previous_count": area.previous_count,
        "departments": [
            {"department": d.name, "count": d.count, "department_id": d.pk}
            for d in area.departments
        ],
        "handling": _counts(area.handling),
        "advice_only": area.advice_only,
        "dialogue": area.dialogue,
        "forwarded": area.forwarded,
        "involved": area.involved,
        "other": area.other,
        "reasons_advice_only": _counts(area.reasons_advice_only),
        "reasons_involved": _counts(area.reasons_involved),
        "actions": _counts(area.actions),
    }


def _hidden_as_null(value: Any, key: str = "") -> Any:
    """Every hidden count is `null` in JSON, the small and the withheld alike (`WITHHELD` is a
    negative number inside the program only); a change may be negative."""
    if isinstance(value, dict):
        return {k: _hidden_as_null(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_hidden_as_null(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and value < 0 and key != "change":
        return None
    return value


def _feedback(figures: FeedbackFigures) -> dict[str, Any]:
    """Hidden counts are null; `small_number_threshold` says below what."""
    return {
        "small_number_threshold": figures.threshold,
        "answers": figures.answers,
        "by_handling_kind": {
            kind.kind: {
                "answers": kind.answers,
                **{q.question: dict(q.counts) for q in kind.questions},
            }
            for kind in figures.by_kind
        },
    }


def _read_feedback(data: dict[str, Any] | None) -> FeedbackFigures | None:
    if data is None:
        return None
    return FeedbackFigures(
        threshold=data["small_number_threshold"],
        answers=data["answers"],
        by_kind=tuple(
            KindFeedback(
                kind=kind,
                answers=values["answers"],
                questions=tuple(
                    QuestionResult(question, tuple(counts.items()))
                    for question, counts in values.items()
                    if question != "answers"
                ),
            )
            for kind, values in data["by_handling_kind"].items()
        ),
    )


def _minutes(figures: MinutesFigures | None) -> dict[str, Any]:
    """Absent when no time is registered: an office that does not register time sees nothing."""
    if figures is None:
        return {}
    return {
        "minutes": {
            "total": figures.total,
            "by_area": _counts(figures.by_area),
            "by_handling_kind": _counts(figures.by_handling_kind),
            "activities": figures.activities,
        }
    }


def _read_minutes(data: dict[str, Any] | None) -> MinutesFigures | None:
    if data is None:
        return None
    return MinutesFigures(
        total=data["total"],
        by_area=_named(data["by_area"]),
        by_handling_kind=_named(data["by_handling_kind"]),
        activities=data["activities"],
    )


def _small_numbers(hidden_below: int) -> dict[str, Any]:
    """Only in figures with hidden counts (a report reader's): `null` is "under" this."""
    return {"small_numbers": {"hidden_below": hidden_below}} if hidden_below > 1 else {}


def statistics_as_json(stats: ReportStatistics) -> dict[str, Any]:
    """The machine-readable contract; `json.dumps` takes it as it is."""
    data = _statistics_as_json(stats)
    return _hidden_as_null(data) if stats.hidden_below > 1 else data


def _statistics_as_json(stats: ReportStatistics) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "period": _period(stats.period),
        "previous_period": _period(stats.previous_period),
        "filter": {
            "area": stats.area,
            "department": stats.department,
            "area_id": stats.area_id,
            "department_id": stats.department_id,
        },
        "total": stats.total,
        "previous_total": stats.previous_total,
        "change": stats.change,
        "by_area": [_area(area) for area in stats.by_area],
        "by_handling": _counts(stats.by_handling),
        "handling_kinds": {h.name: h.kind for h in stats.by_handling},
        "previous_by_handling": _counts(stats.previous_by_handling),
        "summary": {
            "advice_only": stats.advice_only,
            "dialogue": stats.dialogue,
            "forwarded": stats.forwarded,
            "involved": stats.involved,
            "other": stats.other,
        },
        "percentages": {
            "advice_only": stats.advice_only_percent,
            "involved": stats.involved_percent,
            "by_handling": {h.name: h.percent for h in stats.by_handling},
        },
        "reasons_advice_only": _counts(stats.reasons_advice_only),
        "reasons_involved": _counts(stats.reasons_involved),
        "actions": _counts(stats.actions),
        "activities": _counts(stats.activities),
        "letters": _counts(stats.letters),
        "follow_up_questions_asked": stats.follow_up_questions_asked,
        "declined_forwarding": stats.declined_forwarding,
        "forwarding": {
            "overall": _forwarding(stats.forwarding.overall),
            "by_department": [
                {
                    "department": d.department,
                    "department_id": d.department_id,
                    "area_id": d.area_id,
                    **_forwarding(d.figures),
                }
                for d in stats.forwarding.by_department
            ],
        },
        "referred_by": _counts(stats.referred_by),
        **_minutes(stats.minutes),
        "feedback": _feedback(stats.feedback) if stats.feedback is not None else None,
        "computed_on": stats.computed_on.isoformat(),
        **recommendations_report.as_json(stats.recommendations),
        **_small_numbers(stats.hidden_below),
    }


def _int(value: Any) -> int | None:
    """A count from JSON: `null` is a count the small-number rule hid."""
    return None if value is None else int(value)


def _named(data: dict[str, int | None]) -> tuple[NamedCount, ...]:
    return tuple(NamedCount(name, _int(count)) for name, count in data.items())


def _read_period(data: dict[str, str]) -> ReportPeriod:
    return ReportPeriod(
        datetime.date.fromisoformat(data["start"]), datetime.date.fromisoformat(data["end"])
    )


_NOT_FIGURES = ("outcomes", "department", "department_id", "area_id")


def _read_forwarding(data: dict[str, Any]) -> ForwardingFigures:
    return ForwardingFigures(
        **{key: value for key, value in data.items() if key not in _NOT_FIGURES},
        outcomes={code: _int(n) for code, n in data.get("outcomes", {}).items()},
    )


def _read_handling(
    counts: dict[str, int | None], of: int | None, kinds: dict[str, str]
) -> tuple[HandlingCount, ...]:
    return tuple(
        HandlingCount(
            name,
            kinds.get(name, "other"),
            _int(n),
            None if n is None or of is None else percent_of(int(n), of),
        )
        for name, n in counts.items()
    )


def _read_area(area: dict[str, Any], kinds: dict[str, str]) -> AreaStatistics:
    return AreaStatistics(
        area=area["area"],
        kind=area["kind"],
        count=area["count"],
        previous_count=area["previous_count"],
        departments=tuple(
            NamedCount(d["department"], d["count"], d.get("department_id"))
            for d in area["departments"]
        ),
        handling=_read_handling(area["handling"], area["count"], kinds),
        advice_only=area["advice_only"],
        dialogue=area["dialogue"],
        forwarded=area["forwarded"],
        other=area["other"],
        reasons_advice_only=_named(area["reasons_advice_only"]),
        reasons_involved=_named(area["reasons_involved"]),
        actions=_named(area["actions"]),
        area_id=area.get("area_id"),
    )


def statistics_from_json(data: dict[str, Any]) -> ReportStatistics:
    """A `ReportStatistics` from stored JSON (a frozen report), to render it again."""
    kinds: dict[str, str] = data.get("handling_kinds", {})
    total = _int(data["total"])

    summary = data["summary"]
    return ReportStatistics(
        period=_read_period(data["period"]),
        previous_period=_read_period(data["previous_period"]),
        area=data["filter"]["area"],
        department=data["filter"]["department"],
        total=total,
        previous_total=_int(data["previous_total"]),
        by_area=tuple(_read_area(area, kinds) for area in data["by_area"]),
        by_handling=_read_handling(data["by_handling"], total, kinds),
        previous_by_handling=_named(data["previous_by_handling"]),
        advice_only=summary["advice_only"],
        dialogue=summary["dialogue"],
        forwarded=summary["forwarded"],
        other=summary["other"],
        advice_only_percent=data["percentages"]["advice_only"],
        involved_percent=data["percentages"]["involved"],
        reasons_advice_only=_named(data["reasons_advice_only"]),
        reasons_involved=_named(data["reasons_involved"]),
        actions=_named(data["actions"]),
        activities=_named(data["activities"]),
        letters=_named(data.get("letters", {})),
        follow_up_questions_asked=data["follow_up_questions_asked"],
        # Not recorded before the declines were: a report frozen earlier counted none.
        declined_forwarding=data.get("declined_forwarding", 0),
        forwarding=ForwardingSummary(
            overall=_read_forwarding(data["forwarding"]["overall"]),
            by_department=tuple(
                DepartmentForwarding(
                    d["department"], _read_forwarding(d), d.get("department_id"), d.get("area_id")
                )
                for d in data["forwarding"]["by_department"]
            ),
        ),
        computed_on=datetime.date.fromisoformat(data["computed_on"]),
        area_id=data["filter"].get("area_id"),
        department_id=data["filter"].get("department_id"),
        recommendations=recommendations_report.from_json(data),
        hidden_below=data.get("small_numbers", {}).get("hidden_below", 1),
        # Not in a report frozen before issue 16: none of them then.
        referred_by=_named(data.get("referred_by", {})),
        minutes=_read_minutes(data.get("minutes")),
        feedback=_read_feedback(data.get("feedback")),
    )
