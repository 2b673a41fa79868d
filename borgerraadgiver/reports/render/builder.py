"""What the chapter builders share: the sources a chapter reads, and the builder that numbers
the chapters and sections as they are added.

Calculate, then render: every number a chapter prints is read from `ReportStatistics`; nothing
is counted here. The sentences are translatable and built in the office's language.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.report_content.text_blocks import text_blocks
from borgerraadgiver.reports.figures import NamedCount, ReportStatistics
from borgerraadgiver.reports.render.model import Bullets, Heading, Node, PageBreak, Paragraph, Table


@dataclass(frozen=True)
class ReportSources:
    """Everything a chapter is built from: the figures, the advisor's texts (by section and area
    id), the approved case examples (their own copies: title, text, area_name, handling_kind,
    position), the office, and the drawn charts as {number: (SVG, PNG)}."""

    stats: ReportStatistics
    texts: Mapping[tuple[str, int | None], str]
    area_ids: Mapping[str, int]
    examples: Sequence[Any]
    office: Office
    charts: Mapping[int, tuple[bytes, bytes]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The period as the report names it: '2024', '2024/25'."""
        return self.stats.period.label

    def text(self, section: str, area_name: str | None = None) -> list[Node]:
        """The advisor's text for a section (or an area's comment) as paragraphs and lists."""
        area_id = self.area_ids.get(area_name) if area_name else None
        return blocks_to_nodes(self.texts.get((section, area_id), ""))


def blocks_to_nodes(body: str) -> list[Node]:
    return [
        Bullets(block.items) if block.is_list else Paragraph(block.text)
        for block in text_blocks(body)
    ]


def count_table(
    caption: str, first: str, counts: Iterable[NamedCount], *, by_count: bool = False
) -> Table:
    """A name-and-count table; reasons read best most frequent first, as the 2024 report has
    them (a stable sort: equal counts keep the administrator's order)."""
    items = sorted(counts, key=lambda item: -item.count) if by_count else list(counts)
    rows = tuple((item.name, item.count) for item in items)
    return Table(caption=caption, headers=(first, _("Inquiries")), rows=rows)


def format_date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


class DocumentBuilder:
    """Collects the nodes, numbering chapters (1, 2, …) and their sections (1.1, 1.2, …)."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.headings: list[Heading] = []
        self.chapter = 0
        self.section = 0
        self.numbered = True

    def chapter_heading(self, text: str, *, number: bool = True, page_break: bool = True) -> None:
        if page_break:
            self.nodes.append(PageBreak())
        self.numbered = number
        if number:
            self.chapter += 1
        self.section = 0
        heading = Heading(
            1, text, str(self.chapter) if number else "", f"chapter-{len(self.headings) + 1}"
        )
        self.nodes.append(heading)
        self.headings.append(heading)

    def section_heading(self, text: str, *, level: int = 2) -> None:
        number = ""
        if level == 2 and self.chapter and self.numbered:
            self.section += 1
            number = f"{self.chapter}.{self.section}"
        heading = Heading(level, text, number, f"section-{len(self.headings) + 1}")
        self.nodes.append(heading)
        self.headings.append(heading)

    def add(self, *nodes: Node) -> None:
        self.nodes.extend(nodes)
