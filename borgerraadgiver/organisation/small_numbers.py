"""Small numbers protect people: the one rule for hiding a count that could point at a citizen.

Statistics that someone other than an advisor can see (a report reader, a department manager, the
published report when the office chooses) hide every count of at least 1 and below the office's
threshold (`Office.small_number_threshold`, default 3). Zero is shown: it points at nobody. The
statistics page, its downloads, the API, the report's formats and the citizens' survey results all
ask this module, so that the rule is the same everywhere.
"""

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


def office_rule() -> SmallNumbers:
    """The office's rule as set in its settings."""
    return SmallNumbers(Office.load().small_number_threshold)


EXACT = SmallNumbers(1)
"""For advisors: every count shown."""
