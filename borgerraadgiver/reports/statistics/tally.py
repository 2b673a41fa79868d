"""The pure middle of the statistics: the few grouped rows the database returned, summed up.

No database and no model: the rows and lists are plain tuples (`fetch.py` reads them), so the
counting rules are tested without a database (`tests/reports/test_tally.py`). Every count is
keyed by id; names are put on in `assemble.py`.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from borgerraadgiver.organisation.models import HandlingType

ADVICE = HandlingType.Kind.ADVICE.value
DIALOGUE = HandlingType.Kind.DIALOGUE.value
FORWARDED = HandlingType.Kind.FORWARDED.value
OTHER = HandlingType.Kind.OTHER.value
# The two reason lists of the report, by the kind of the inquiry's main handling.
REASON_GROUPS = {ADVICE: "advice", DIALOGUE: "involved", FORWARDED: "involved"}


# The administrator's lists, as plain data.


class AreaRef(NamedTuple):
    pk: int
    name: str
    kind: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class DepartmentRef(NamedTuple):
    pk: int
    area_id: int
    name: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None


class HandlingRef(NamedTuple):
    pk: int
    name: str
    kind: str


class ListItem(NamedTuple):
    pk: int
    name: str
    is_active: bool = True
    kind: str = ""  # a counted action's kind: the follow-up questions are counted apart too


# The grouped rows the database returns: never one row per inquiry.


class PlaceRow(NamedTuple):
    """Inquiries received in a period, per area, department and main handling."""

    area_id: int
    department_id: int | None
    handling_type_id: int
    n: int


class ReasonRow(NamedTuple):
    """Reason links of the period's advice and involved inquiries, per area and handling."""

    area_id: int
    handling_type_id: int
    reason_id: int
    n: int


class ActionRow(NamedTuple):
    """Counted actions on the period's inquiries, per area."""

    area_id: int
    action_id: int
    n: int


Counts = Mapping[int, int]


@dataclass(frozen=True)
class Tally:
    """The period's counts keyed by id (and the previous period's, where the report has them)."""

    total: int
    previous_total: int
    by_area: Counts
    previous_by_area: Counts
    by_department: Counts
    handling_by_area: Mapping[int, Counts]
    by_handling: Counts
    previous_by_handling: Counts
    reasons_by_area: Mapping[tuple[int, str], Counts]  # (area id, "advice"/"involved")
    reasons: Mapping[str, Counts]  # "advice"/"involved" → reason id → count
    actions_by_area: Mapping[int, Counts]
    actions: Counts


def kind_total(counts: Counts, handling_kind: Mapping[int, str], *kinds: str) -> int:
    """The sum of `counts` (by handling type id) over the handling types of `kinds`."""
    return sum(n for pk, n in counts.items() if handling_kind[pk] in kinds)


def _nested() -> defaultdict[int, defaultdict[int, int]]:
    return defaultdict(lambda: defaultdict(int))


def _nested_by_group() -> defaultdict[str, defaultdict[int, int]]:
    return defaultdict(lambda: defaultdict(int))


def tally(
    *,
    places: Iterable[PlaceRow],
    previous_places: Iterable[PlaceRow],
    reasons: Iterable[ReasonRow],
    actions: Iterable[ActionRow],
    handling_kind: Mapping[int, str],
) -> Tally:
    """Sum the grouped rows per area, department, handling, reason and action.

    Reasons count only under advice (kind advice) and involvement (kinds dialogue and
    forwarded); an inquiry with several reasons has a link, and so a count, under each.
    """
    by_area: defaultdict[int, int] = defaultdict(int)
    by_department: defaultdict[int, int] = defaultdict(int)
    by_handling: defaultdict[int, int] = defaultdict(int)
    handling_by_area = _nested()
    for row in places:
        by_area[row.area_id] += row.n
        if row.department_id is not None:
            by_department[row.department_id] += row.n
        handling_by_area[row.area_id][row.handling_type_id] += row.n
        by_handling[row.handling_type_id] += row.n
    previous_by_area: defaultdict[int, int] = defaultdict(int)
    previous_by_handling: defaultdict[int, int] = defaultdict(int)
    for row in previous_places:
        previous_by_area[row.area_id] += row.n
        previous_by_handling[row.handling_type_id] += row.n

    reasons_by_area: defaultdict[tuple[int, str], defaultdict[int, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    reasons_in_all = _nested_by_group()
    for reason in reasons:
        group = REASON_GROUPS.get(handling_kind[reason.handling_type_id])
        if group:
            reasons_by_area[(reason.area_id, group)][reason.reason_id] += reason.n
            reasons_in_all[group][reason.reason_id] += reason.n
    actions_by_area = _nested()
    actions_in_all: defaultdict[int, int] = defaultdict(int)
    for action in actions:
        actions_by_area[action.area_id][action.action_id] += action.n
        actions_in_all[action.action_id] += action.n
    return Tally(
        total=sum(by_area.values()),
        previous_total=sum(previous_by_area.values()),
        by_area=dict(by_area),
        previous_by_area=dict(previous_by_area),
        by_department=dict(by_department),
        handling_by_area={pk: dict(counts) for pk, counts in handling_by_area.items()},
        by_handling=dict(by_handling),
        previous_by_handling=dict(previous_by_handling),
        reasons_by_area={key: dict(counts) for key, counts in reasons_by_area.items()},
        reasons={group: dict(counts) for group, counts in reasons_in_all.items()},
        actions_by_area={pk: dict(counts) for pk, counts in actions_by_area.items()},
        actions=dict(actions_in_all),
    )
