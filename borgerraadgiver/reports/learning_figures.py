"""The report's figures of the learning loop (issue 16): where citizens come from, the time
spent, and the citizens' own verdict. Types only, defined like `figures.py`'s."""

from dataclasses import dataclass, field

from borgerraadgiver.reports.figures import NamedCount, counted


@dataclass(frozen=True)
class MinutesFigures:
    total: int = field(
        metadata=counted(
            "Minutes registered on the period's inquiries (their contacts and counted actions) "
            "and on the period's activities. The report has no `minutes` at all when it is 0: an "
            "office that registers no time sees nothing of it."
        )
    )
    by_area: tuple[NamedCount, ...] = field(
        metadata=counted(
            "Minutes on the contacts and counted actions of the period's inquiries, per the "
            "inquiry's area (areas with time only), in the administrator's order."
        )
    )
    by_handling_kind: tuple[NamedCount, ...] = field(
        metadata=counted(
            "The same minutes per the inquiry's handling kind (`advice`, `dialogue`, "
            "`forwarded`, `other`), kinds with time only."
        )
    )
    activities: int = field(
        metadata=counted(
            "Minutes on the period's activities (by the activity's own date; with a filter, "
            "those registered to a department there)."
        )
    )
