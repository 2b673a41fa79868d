"""The annual report as a document tree: the plain nodes every renderer (HTML, PDF, DOCX) formats.

The tree is a list of nodes (`Heading`, `Paragraph`, `Bullets`, `Table`, `Figure`, `Example`,
`PageBreak`) in a `ReportDocument`. The nodes hold finished sentences and numbers: a renderer
only lays them out.
"""

import re
from dataclasses import dataclass, field
from typing import ClassVar

from borgerraadgiver.report_content.text_blocks import Block
from borgerraadgiver.reports.figures import ReportStatistics

# A count (1.234), a decimal (9,5), a share (74 %), a count with its share (2 (40 %)), a count
# hidden by the small-number rule (under 3), or none (–).
NUMBER = re.compile(r"^(–|(\w+ )?\d[\d.,]*( %| \((\w+ )?\d+ %\))?)$")


def _is_number(cell: str | int) -> bool:
    return isinstance(cell, int) or bool(NUMBER.match(cell))


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    level: int  # 1 chapter, 2 section, 3 sub-section
    text: str
    number: str = ""
    anchor: str = ""

    @property
    def full(self) -> str:
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    total: tuple[str | int, ...] | None = None  # a footer row, e.g. "In all"

    @property
    def numeric(self) -> tuple[bool, ...]:
        """Per column: does it hold numbers (right-aligned: a count, a share, a median)?"""
        return tuple(
            bool(self.rows) and all(_is_number(row[i]) for row in self.rows)
            for i in range(len(self.headers))
        )

    @property
    def cell_rows(self) -> list[list[tuple[str | int, bool]]]:
        return [list(zip(row, self.numeric, strict=True)) for row in self.rows]

    @property
    def total_cells(self) -> list[tuple[str | int, bool]]:
        return list(zip(self.total, self.numeric, strict=True)) if self.total else []

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        return list(zip(self.headers, self.numeric, strict=True))


@dataclass(frozen=True)
class Figure:
    kind: ClassVar[str] = "figure"
    number: int
    caption: str
    alt: str
    table: Table
    svg: bytes = b""
    png: bytes = b""


@dataclass(frozen=True)
class Example:
    kind: ClassVar[str] = "example"
    title: str
    area: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    kind: ClassVar[str] = "page_break"


Node = Heading | Paragraph | Bullets | Table | Figure | Example | PageBreak


@dataclass(frozen=True)
class ReportDocument:
    title: str
    office: str
    municipality: str
    period_label: str
    period_text: str
    language: str
    stats: ReportStatistics
    nodes: tuple[Node, ...]
    headings: tuple[Heading, ...] = field(default_factory=tuple)
    example_count: int = 0
    edition_text: str = ""  # a corrected edition: "Edition 2, 10 March 2025"
