"""What the chapter builders share: the sources a chapter reads, and the builder that numbers
the chapters, sections and figures as they are added.

Calculate, then render: every number a chapter prints is read from `ReportStatistics`; nothing
is counted here. The sentences are translatable and built in the office's language.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _

from borgerraadgiver.core import wording
from borgerraadgiver.core.wording import (
    INQUIRIES,
    Noun,
    count_words,
    format_count,
    format_percent,
    quoted,
)
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.report_content.selectors import ExampleCopy
from borgerraadgiver.report_content.text_blocks import text_blocks
from borgerraadgiver.reports.figures import DepartmentForwarding, NamedCount, ReportStatistics
from borgerraadgiver.reports.render.model import Bullets, Heading, Node, PageBreak, Paragraph, Table


@dataclass(frozen=True)
class Edition:
    """A corrected edition: its number, when it and the edition it corrects were published,
    and what changed (sentences in the office's language, frozen with the edition)."""

    number: int
    published_on: datetime.date
    previous_on: datetime.date | None
    changes: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ReportContent:
    """The report's words: the advisor's texts keyed by (section, area id), the approved case
    examples (their own copies), and for a corrected edition what changed. Read live from
    `report_content`, or from a published report's frozen copy."""

    texts: Mapping[tuple[str, int | None], str]
    examples: tuple[ExampleCopy, ...]
    edition: Edition | None = None


# Draws a chart by its kind ("areas", "departments", "handling", "forwarding"): (SVG, PNG).
Draw = Callable[[str], tuple[bytes, bytes]]


@dataclass(frozen=True)
class ReportSources:
    """Everything a chapter is built from: the figures, the words, the office, and a way to
    draw a chart (only the charts a chapter prints are drawn)."""

    stats: ReportStatistics
    content: ReportContent
    office: Office
    draw: Draw | None = None

    @property
    def label(self) -> str:
        """The period as the report names it: '2024', '2024/25'."""
        return self.stats.period.label

    @property
    def is_whole(self) -> bool:
        return self.stats.is_whole

    @property
    def scope_name(self) -> str:
        """What a report for one part covers: the department's or the area's name."""
        return self.stats.department or self.stats.area or ""

    @property
    def examples(self) -> tuple[ExampleCopy, ...]:
        return self.content.examples

    def number(self, count: int | None) -> str:
        """A count as the report prints it: '1.234', or 'under 3' where it is hidden."""
        return format_count(count, hidden_below=self.stats.hidden_below)

    def percent(self, percent: int | None) -> str:
        return format_percent(percent)

    def words(self, count: int | None, noun: Noun = INQUIRIES) -> str:
        """A count with its noun: 'ingen henvendelser', '1 henvendelse', 'under 3
        henvendelser'."""
        return count_words(count, noun, hidden_below=self.stats.hidden_below)

    def plural(self, count: int | None) -> int:
        """The number that chooses a sentence's plural form (a hidden count reads 'under 3':
        plural)."""
        return self.stats.hidden_below if count is None else count

    def name(self, name: str) -> str:
        """A category's name mid-sentence, in quotes: »Udenfor kompetence«."""
        return quoted(name)

    def chart(self, kind: str) -> tuple[bytes, bytes]:
        return self.draw(kind) if self.draw is not None else (b"", b"")

    def text(self, section: str, area_id: int | None = None) -> list[Node]:
        """The advisor's text for a section (or an area's comment, by the area's id) as
        paragraphs and lists."""
        return blocks_to_nodes(self.content.texts.get((section, area_id), ""))


def blocks_to_nodes(body: str) -> list[Node]:
    return [
        Bullets(block.items) if block.is_list else Paragraph(block.text)
        for block in text_blocks(body)
    ]


def count_table(
    src: ReportSources,
    caption: str,
    first: str,
    counts: Iterable[NamedCount],
    *,
    by_count: bool = False,
) -> Table:
    """A name-and-count table; reasons read best most frequent first, as the 2024 report has
    them (a stable sort: equal counts keep the administrator's order; a hidden count, below
    the threshold, sorts after the shown ones)."""
    items = sorted(counts, key=lambda item: -(item.count or 0)) if by_count else list(counts)
    rows = tuple((item.name, src.number(item.count)) for item in items)
    return Table(caption=caption, headers=(first, _("Inquiries")), rows=rows)


def recipient_name(row: DepartmentForwarding) -> str:
    """The department, or for a forwarding to an area's management the area's management."""
    if row.department_id is None:
        return _("%(area)s, the area's management") % {"area": row.department}
    return row.department


def format_date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def page_of() -> tuple[str, str, str]:
    """The footer's "Side x af y" in the office's language, as the text before the page number,
    between the two numbers and after them (the renderers put their own fields in between)."""
    words = _("Page {page} of {pages}")
    if words.find("{page}") < 0 or words.find("{pages}") < words.find("{page}"):
        words = "{page} / {pages}"  # a translation that lost the placeholders
    before, rest = words.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    return before, between, after


def format_number(value: float) -> str:
    """A number as the office's language writes it: 9, 9,5, 1.234 (`core.wording`)."""
    return wording.format_number(value)


class DocumentBuilder:
    """Collects the nodes, numbering chapters (1, 2, …), their sections (1.1, 1.2, …) and the
    figures (1, 2, … in the order they are printed)."""

    def __init__(self) -> None:
        self.nodes: list[Node] = []
        self.headings: list[Heading] = []
        self.chapter = 0
        self.section = 0
        self.figure = 0
        self.numbered = True

    def figure_number(self) -> int:
        self.figure += 1
        return self.figure

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
