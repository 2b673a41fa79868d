"""How each figure is counted, collected from the one source: the definitions written beside
each field of the figures' dataclasses (`figures.py`, and `forwarding.statistics` for the
forwarding figures), made into the table of `docs/reports.md`.

`borgerraadgiver report_definitions --write` puts the table into the document between its two
markers; `tests/reports/test_definitions.py` fails when the document is stale or a field has no
definition.
"""

import dataclasses
import inspect
from dataclasses import dataclass

from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.recommendations.report import RecommendationFigures, RecommendationLine
from borgerraadgiver.reports.counting import COUNTING_RULES
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    DepartmentForwarding,
    ForwardingSummary,
    HandlingCount,
    ReportStatistics,
)
from borgerraadgiver.reports.learning_figures import MinutesFigures

BEGIN = (
    "<!-- The figure definitions: generated from reports/figures.py and "
    "forwarding/statistics.py by `borgerraadgiver report_definitions --write`; edit them there. -->"
)
END = "<!-- End of the generated figure definitions. -->"

# The dataclasses of the report, with the JSON key their fields have when not given.
FIGURE_TYPES: tuple[tuple[type, str], ...] = (
    (ReportStatistics, ""),
    (AreaStatistics, "by_area[]."),
    (HandlingCount, "by_handling."),
    (ForwardingSummary, "forwarding."),
    (DepartmentForwarding, "forwarding.by_department[]."),
    (ForwardingFigures, "forwarding.overall."),
    (RecommendationFigures, ""),
    (RecommendationLine, "recommendations[]."),
    (MinutesFigures, "minutes."),
)


@dataclass(frozen=True)
class Definition:
    key: str  # where the figure is in the JSON contract
    field: str  # the dataclass and field (or property) it is
    counted: str


def figure_definitions() -> list[Definition]:
    """Every field and derived property of the report's figures, with how it is counted.

    Raises ValueError for a field without a definition: no figure goes undefined.
    """
    definitions = []
    for cls, prefix in FIGURE_TYPES:
        for item in dataclasses.fields(cls):
            how = item.metadata.get("counted")
            if not how:
                raise ValueError(f"{cls.__name__}.{item.name} has no definition.")
            key = item.metadata.get("key") or f"{prefix}{item.name}"
            definitions.append(Definition(key, f"{cls.__name__}.{item.name}", how))
        for name, key in getattr(cls, "DERIVED", {}).items():
            doc = inspect.getdoc(getattr(cls, name))
            if not doc:
                raise ValueError(f"{cls.__name__}.{name} has no docstring to define it.")
            definitions.append(Definition(key, f"{cls.__name__}.{name}", doc))
    return definitions


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def definitions_markdown() -> str:
    """The rules and the table, as Markdown between the two markers."""
    lines = [BEGIN, ""]
    lines += [f"- {_cell(rule)}" for rule in COUNTING_RULES]
    lines += ["", "| JSON key | field | how it is counted |", "| --- | --- | --- |"]
    lines += [f"| `{d.key}` | `{d.field}` | {_cell(d.counted)} |" for d in figure_definitions()]
    lines += ["", END]
    return "\n".join(lines)


def with_definitions(document: str) -> str:
    """`document` with the generated part between the markers replaced by the current one."""
    begin, end = document.find(BEGIN), document.find(END)
    if begin == -1 or end == -1 or end < begin:
        raise ValueError("The document has no markers for the figure definitions.")
    return document[:begin] + definitions_markdown() + document[end + len(END) :]
