"""Small numbers protect people: the report's figures as someone who is not an advisor may see
them.

`statistics_shown(stats, rule)` returns the same `ReportStatistics` with every count the rule
hides set to None (`organisation.small_numbers`: at least 1 and below the office's threshold),
and, so that no total gives a hidden count away, the further cells `hidden_cells` chooses for
every sum a reader can see beside its parts:

- the total = the areas' counts = the handling types' counts = advice only + dialogue +
  forwarded + other; the previous period's total = its areas' and handling types' counts;
- each area's count = its departments' = its handling types' = its four kinds of handling;
- each of the year's figures per kind, handling type, reason and counted action = the sum of
  the areas' figures;
- the forwarding figures: sent = dialogue + forwarded = in time + late + overdue + not yet due,
  and the whole = the departments' sum, field by field and outcome by outcome.

A share (percent) is hidden with its count, a change with either of its counts, and the
follow-up questions with the counted action they are. Zero is shown: it points at nobody.
`rule_for(user)` is the one decision who sees what: advisors everything, anyone else the
office's rule.
"""

import dataclasses
from collections.abc import Hashable, Iterator

from django.contrib.auth.models import AnonymousUser

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.forwarding.statistics import COUNTS as FORWARDING_COUNTS
from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.small_numbers import (
    EXACT,
    WITHHELD,
    SmallNumbers,
    Sum,
    hidden_cells,
    known,
    office_rule,
    plus,
)
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    HandlingCount,
    NamedCount,
    ReportStatistics,
)

KINDS = ("advice_only", "dialogue", "forwarded", "other")
STATES = ("answered_on_time", "answered_late", "unanswered_overdue", "unanswered_not_yet_due")


def rule_for(user: User | AnonymousUser) -> SmallNumbers:
    """Advisors see exact figures; report readers, managers and anyone else the office's rule."""
    return EXACT if is_active_advisor(user) else office_rule()


def published_rule() -> SmallNumbers:
    """The rule the office chose for its published report (`Office.published_report_hides_
    small_numbers`): its threshold, or every count exact."""
    office = Office.load()
    if office.published_report_hides_small_numbers:
        return SmallNumbers(office.small_number_threshold)
    return EXACT


class _Cells:
    """The figures as cells keyed by where they are, and the sums between them."""

    def __init__(self) -> None:
        self.cells: dict[Hashable, int] = {}
        self.sums: list[Sum] = []

    def add(self, key: Hashable, count: int | None) -> Hashable:
        self.cells[key] = count or 0
        return key

    def sum(self, total: Hashable, parts: list[Hashable]) -> None:
        self.sums.append(Sum(total, tuple(parts)))


def _named(
    cells: _Cells, prefix: tuple[Hashable, ...], items: tuple[NamedCount, ...]
) -> dict[str, Hashable]:
    return {item.name: cells.add((*prefix, item.name), item.count) for item in items}


def _area_cells(cells: _Cells, index: int, area: AreaStatistics) -> None:
    count = cells.add(("area", index, "count"), area.count)
    cells.add(("area", index, "previous_count"), area.previous_count)
    cells.sum(
        count,
        [cells.add(("area", index, "dept", j), d.count) for j, d in enumerate(area.departments)],
    )
    cells.sum(
        count, [cells.add(("area", index, "handling", h.name), h.count) for h in area.handling]
    )
    cells.sum(count, [cells.add(("area", index, kind), getattr(area, kind)) for kind in KINDS])
    for name, items in (
        ("reason_a", area.reasons_advice_only),
        ("reason_i", area.reasons_involved),
        ("action", area.actions),
    ):
        _named(cells, ("area", index, name), items)


def _forwarding_cells(cells: _Cells, where: Hashable, figures: ForwardingFigures) -> None:
    for name in FORWARDING_COUNTS:
        cells.add(("fw", where, name), getattr(figures, name))
    for code, count in figures.outcomes.items():
        cells.add(("fw", where, "outcome", code), count)
    sent = ("fw", where, "sent")
    cells.sum(sent, [("fw", where, "dialogue"), ("fw", where, "forwarded")])
    cells.sum(sent, [("fw", where, state) for state in STATES])


def _column_sums(cells: _Cells, stats: ReportStatistics) -> None:
    """Each of the year's figures is the sum of the areas' figures."""
    areas = range(len(stats.by_area))
    for kind in KINDS:
        cells.sum(("summary", kind), [("area", i, kind) for i in areas])
    for name, items_of in (
        ("handling", lambda a: a.handling),
        ("reason_a", lambda a: a.reasons_advice_only),
        ("reason_i", lambda a: a.reasons_involved),
        ("action", lambda a: a.actions),
    ):
        for item_name in {item.name for area in stats.by_area for item in items_of(area)}:
            cells.sum(
                (name, item_name),
                [
                    ("area", i, name, item_name)
                    for i, area in enumerate(stats.by_area)
                    if any(item.name == item_name for item in items_of(area))
                ],
            )
    recipients = range(len(stats.forwarding.by_department))
    for field in FORWARDING_COUNTS:
        cells.sum(("fw", None, field), [("fw", j, field) for j in recipients])
    for code in stats.forwarding.overall.outcomes:
        cells.sum(
            ("fw", None, "outcome", code),
            [
                ("fw", j, "outcome", code)
                for j, row in enumerate(stats.forwarding.by_department)
                if code in row.figures.outcomes
            ],
        )


def _cells(stats: ReportStatistics) -> _Cells:
    cells = _Cells()
    total = cells.add(("total",), stats.total)
    previous_total = cells.add(("previous_total",), stats.previous_total)
    cells.sum(
        total, [cells.add(("area", i, "count"), a.count) for i, a in enumerate(stats.by_area)]
    )
    cells.sum(previous_total, [("area", i, "previous_count") for i in range(len(stats.by_area))])
    for index, area in enumerate(stats.by_area):
        _area_cells(cells, index, area)
    cells.sum(total, [cells.add(("handling", h.name), h.count) for h in stats.by_handling])
    cells.sum(
        previous_total,
        list(_named(cells, ("previous_handling",), stats.previous_by_handling).values()),
    )
    cells.sum(total, [cells.add(("summary", kind), getattr(stats, kind)) for kind in KINDS])
    _named(cells, ("reason_a",), stats.reasons_advice_only)
    _named(cells, ("reason_i",), stats.reasons_involved)
    _named(cells, ("action",), stats.actions)
    _named(cells, ("activity",), stats.activities)
    # Not every inquiry says who referred the citizen: no sum to protect, only the small cells.
    _named(cells, ("referred",), stats.referred_by)
    cells.add(("follow_up",), stats.follow_up_questions_asked)
    cells.add(("declined",), stats.declined_forwarding)
    _forwarding_cells(cells, None, stats.forwarding.overall)
    for j, row in enumerate(stats.forwarding.by_department):
        _forwarding_cells(cells, j, row.figures)
    _column_sums(cells, stats)
    return cells


class _Shown:
    """Reads a figure back as shown: the count, or None where it is hidden."""

    def __init__(self, stats: ReportStatistics, rule: SmallNumbers, cells: _Cells) -> None:
        self.hidden = hidden_cells(rule, cells.cells, cells.sums)
        self.rule = rule
        self.cells = cells.cells
        self.hidden_actions = {
            a.count for a in stats.actions if ("action", a.name) in self.hidden and a.count
        }

    def follow_up(self, asked: int | None) -> int | None:
        """The follow-up questions are the follow-up action's count (the figures know it by
        name only): hidden with any hidden action of the same count."""
        if asked and asked in self.hidden_actions:
            return None if self.rule.hides(asked) else WITHHELD
        return self.count(("follow_up",), asked)

    def count(self, key: Hashable, count: int | None) -> int | None:
        """The count; None ("under 3") where it is small; `WITHHELD` where it is hidden to
        protect a small one."""
        if key not in self.hidden:
            return count
        return None if self.rule.hides(self.cells.get(key, 0)) else WITHHELD

    def named(
        self, prefix: tuple[Hashable, ...], items: tuple[NamedCount, ...]
    ) -> tuple[NamedCount, ...]:
        return tuple(
            dataclasses.replace(item, count=self.count((*prefix, item.name), item.count))
            for item in items
        )

    def handling(
        self, prefix: tuple[Hashable, ...], items: tuple[HandlingCount, ...]
    ) -> Iterator[HandlingCount]:
        for item in items:
            count = self.count((*prefix, item.name), item.count)
            percent = item.percent if known(count) else None
            yield dataclasses.replace(item, count=count, percent=percent)

    def area(self, index: int, area: AreaStatistics) -> AreaStatistics:
        key = ("area", index)
        return dataclasses.replace(
            area,
            count=self.count((*key, "count"), area.count),
            previous_count=self.count((*key, "previous_count"), area.previous_count),
            departments=tuple(
                dataclasses.replace(d, count=self.count((*key, "dept", j), d.count))
                for j, d in enumerate(area.departments)
            ),
            handling=tuple(self.handling((*key, "handling"), area.handling)),
            reasons_advice_only=self.named((*key, "reason_a"), area.reasons_advice_only),
            reasons_involved=self.named((*key, "reason_i"), area.reasons_involved),
            actions=self.named((*key, "action"), area.actions),
            advice_only=self.count((*key, "advice_only"), area.advice_only),
            dialogue=self.count((*key, "dialogue"), area.dialogue),
            forwarded=self.count((*key, "forwarded"), area.forwarded),
            other=self.count((*key, "other"), area.other),
        )

    def forwarding(self, where: Hashable, figures: ForwardingFigures) -> ForwardingFigures:
        return dataclasses.replace(
            figures,
            outcomes={
                code: self.count(("fw", where, "outcome", code), count)
                for code, count in figures.outcomes.items()
            },
            **{
                name: self.count(("fw", where, name), getattr(figures, name))
                for name in FORWARDING_COUNTS
            },
        )


def statistics_shown(stats: ReportStatistics, rule: SmallNumbers) -> ReportStatistics:
    """The figures with what `rule` hides set to None (unchanged for `EXACT`)."""
    if rule.threshold <= 1:
        return stats
    cells = _cells(stats)
    shown = _Shown(stats, rule, cells)
    kinds = {kind: shown.count(("summary", kind), getattr(stats, kind)) for kind in KINDS}
    involved = plus(kinds["dialogue"], kinds["forwarded"])
    forwarding = stats.forwarding
    return dataclasses.replace(
        stats,
        hidden_below=rule.threshold,
        total=shown.count(("total",), stats.total),
        previous_total=shown.count(("previous_total",), stats.previous_total),
        by_area=tuple(shown.area(i, area) for i, area in enumerate(stats.by_area)),
        by_handling=tuple(shown.handling(("handling",), stats.by_handling)),
        previous_by_handling=shown.named(("previous_handling",), stats.previous_by_handling),
        advice_only_percent=stats.advice_only_percent if known(kinds["advice_only"]) else None,
        involved_percent=stats.involved_percent if known(involved) else None,
        reasons_advice_only=shown.named(("reason_a",), stats.reasons_advice_only),
        reasons_involved=shown.named(("reason_i",), stats.reasons_involved),
        actions=shown.named(("action",), stats.actions),
        activities=shown.named(("activity",), stats.activities),
        referred_by=shown.named(("referred",), stats.referred_by),
        follow_up_questions_asked=shown.follow_up(stats.follow_up_questions_asked),
        declined_forwarding=shown.count(("declined",), stats.declined_forwarding),
        forwarding=dataclasses.replace(
            forwarding,
            overall=shown.forwarding(None, forwarding.overall),
            by_department=tuple(
                dataclasses.replace(row, figures=shown.forwarding(j, row.figures))
                for j, row in enumerate(forwarding.by_department)
            ),
        ),
        advice_only=kinds["advice_only"],
        dialogue=kinds["dialogue"],
        forwarded=kinds["forwarded"],
        other=kinds["other"],
    )
