"""Small numbers protect people: the one rule for hiding a count that could point at a citizen.

Statistics that someone other than an advisor can see (a report reader, a department manager, the
published report when the office chooses) hide every count of at least 1 and below the office's
threshold (`Office.small_number_threshold`, default 3). Zero is shown: it points at nobody. The
statistics page, its downloads, the API, the report's formats and the citizens' survey results all
ask this module, so that the rule is the same everywhere.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .models import Office


@dataclass(frozen=True)
class SmallNumbers:
    """The rule with the office's threshold; `threshold` 1 hides nothing."""

    threshold: int

    def hides(self, count: int) -> bool:
        """True for a count that must not be shown: at least 1 and below the threshold."""
        return 0 < count < self.threshold

    def shown(self, count: int) -> int | None:
        """The count, or None where it is hidden."""
        return None if self.hides(count) else count


WITHHELD = -1
"""A count hidden although it is not small (at least the threshold), so that a total cannot give
a small one away, or a figure derived from a hidden one; shown as "hidden". A small count
itself is None ("under 3"). No real count is negative, so neither can be mistaken for one."""


def office_rule() -> SmallNumbers:
    """The office's rule as set in its settings."""
    return SmallNumbers(Office.load().small_number_threshold)


EXACT = SmallNumbers(1)
"""For advisors: every count shown."""


@dataclass(frozen=True)
class Sum:
    """A total that a reader can see together with its parts: `total` = the sum of `parts`
    (keys of the cells). Parts that do not quite add up (inquiries without a department) are
    treated as if they did: hiding more is the safe side."""

    total: Hashable
    parts: tuple[Hashable, ...]


def hidden_cells(
    rule: SmallNumbers, cells: Mapping[Hashable, int], sums: Iterable[Sum]
) -> frozenset[Hashable]:
    """The keys of the cells to hide: every small count (primary), and then, wherever a sum
    would let a reader work a hidden cell back out (exactly one hidden member among the total
    and its parts), one more member (complementary): the smallest shown part with a count,
    else the total. A zero is never hidden, so a cell hidden this way is never small
    (`WITHHELD`). Repeated until no sum gives one away, as
    a cell hidden for one sum may expose another.

    >>> cells = {"all": 10, "a": 2, "b": 3, "c": 5}
    >>> sorted(hidden_cells(SmallNumbers(3), cells, [Sum("all", ("a", "b", "c"))]))
    ['a', 'b']
    >>> sorted(hidden_cells(EXACT, cells, [Sum("all", ("a", "b", "c"))]))
    []
    """
    sums = [s for s in sums if s.parts]
    hidden = {key for key, count in cells.items() if rule.hides(count)}
    changed = bool(hidden)
    while changed:
        changed = False
        for one in sums:
            members = (one.total, *one.parts)
            if sum(1 for key in members if key in hidden) != 1:
                continue
            candidates = sorted(
                (cells.get(key, 0), str(key), key)
                for key in one.parts
                if key not in hidden and cells.get(key, 0) > 0
            )
            choice = candidates[0][2] if candidates else one.total
            if choice not in hidden:
                hidden.add(choice)
                changed = True
    return frozenset(hidden)


def known(count: int | None) -> bool:
    """A count that is shown: not hidden by the small-number rule (None, or `WITHHELD`)."""
    return count is not None and count >= 0


def plus(*counts: int | None) -> int | None:
    """The sum, or `WITHHELD` where any part is hidden: a derived figure never gives a hidden
    one away."""
    if not all(known(c) for c in counts):
        return WITHHELD
    return sum(c for c in counts if c is not None)


def minus(count: int | None, other: int | None) -> int | None:
    """The difference (a change, which may be negative), or None where either is hidden."""
    return (
        count - other
        if count is not None and other is not None and known(count) and known(other)
        else None
    )
