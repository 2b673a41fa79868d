"""The annual report as a document: its chapters, built once from the statistics, the advisor's
texts and the approved case examples. Every renderer (HTML, PDF, DOCX) only formats this tree.

Calculate, then render: every number here is read from `ReportStatistics`; nothing is counted.
The tree is a list of plain nodes (`Heading`, `Paragraph`, `Bullets`, `Table`, `Figure`,
`Example`, `PageBreak`); the sentences are translatable and built in the office's language.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import ClassVar

from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.organisation.models import Area, HandlingType, Office
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.report_content.selectors import (
    approved_examples_for_document,
    report_texts_for_document,
)
from borgerraadgiver.report_content.text_blocks import Block, text_blocks
from borgerraadgiver.reports.figures import AreaStatistics, NamedCount, ReportStatistics
from borgerraadgiver.reports.published_differences import published_differences

# Nodes of the document tree.


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
        """Per column: does it hold numbers (right-aligned, as a count or a share)?"""
        return tuple(
            bool(self.rows)
            and all(isinstance(row[i], int) or str(row[i]).endswith(" %") for row in self.rows)
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


def _blocks(blocks: Iterable[Block]) -> list[Node]:
    nodes: list[Node] = []
    for block in blocks:
        nodes.append(Bullets(block.items) if block.is_list else Paragraph(block.text))
    return nodes


def _count_table(
    caption: str, first: str, counts: Iterable[NamedCount], *, by_count: bool = False
) -> Table:
    """A name-and-count table; reasons read best most frequent first, as the 2024 report has
    them (a stable sort: equal counts keep the administrator's order)."""
    items = sorted(counts, key=lambda item: -item.count) if by_count else list(counts)
    rows = tuple((item.name, item.count) for item in items)
    return Table(caption=caption, headers=(first, _("Inquiries")), rows=rows)


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


class _Builder:
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


def build_report_document(
    stats: ReportStatistics,
    *,
    texts: dict[tuple[str, int | None], str],
    area_ids: dict[str, int],
    examples: list,  # CaseExample rows (their own copies: title, text, area_name, handling_kind)
    office: Office,
    charts: dict[int, tuple[bytes, bytes]] | None = None,
) -> ReportDocument:
    """The document's tree. Called inside `translation.override(<office language>)`."""
    charts = charts or {}
    label = stats.period.label
    b = _Builder()

    def text(section: str, area_name: str | None = None) -> list[Node]:
        area_id = area_ids.get(area_name) if area_name else None
        return _blocks(text_blocks(texts.get((section, area_id), "")))

    # Chapter 1: introduction; how the office works.
    b.chapter_heading(_("Introduction"))
    intro = text(Section.INTRODUCTION)
    if intro:
        b.section_heading(_("Introduction"))
        b.add(*intro)
    b.section_heading(_("How the citizens' advisor works"))
    b.add(
        Paragraph(
            _("The citizens' advisor handles inquiries in three ways:"),
        ),
        Bullets(
            (
                _(
                    "Advice: the citizen gets advice and guidance, and the inquiry is closed "
                    "by the citizens' advisor without involving the administration."
                ),
                _(
                    "Dialogue cases: an acute or limited problem that the citizens' advisor "
                    "solves by contacting the department's management directly."
                ),
                _(
                    "Forwarded complaints: the complaint is sent to the department's "
                    "management, which answers the citizen in writing with a copy to the "
                    "citizens' advisor."
                ),
            )
        ),
        Paragraph(
            ngettext(
                "Nothing is forwarded without the citizen's consent. The administration answers "
                "within %(weeks)d week; if it cannot, it tells the citizen and the citizens' "
                "advisor when to expect the answer.",
                "Nothing is forwarded without the citizen's consent. The administration answers "
                "within %(weeks)d weeks; if it cannot, it tells the citizen and the citizens' "
                "advisor when to expect the answer.",
                office.answer_weeks,
            )
            % {"weeks": office.answer_weeks}
        ),
        *text(Section.ABOUT_OFFICE),
    )

    # Chapter 2: summary.
    b.chapter_heading(_("Summary"))
    b.add(
        Paragraph(
            _(
                "In %(period)s, %(total)d inquiries to the citizens' advisor were registered, "
                "compared with %(previous)d in %(previous_period)s."
            )
            % {
                "period": label,
                "total": stats.total,
                "previous": stats.previous_total,
                "previous_period": stats.previous_period.label,
            }
        ),
        Paragraph(_("The inquiries were distributed as follows:")),
        Bullets(
            tuple(
                ngettext(
                    "%(count)d inquiry about %(area)s",
                    "%(count)d inquiries about %(area)s",
                    area.count,
                )
                % {"count": area.count, "area": area.area}
                for area in sorted(stats.by_area, key=lambda a: -a.count)
                if area.count
            )
        ),
        Paragraph(
            _(
                "In %(percent)d %% of the inquiries (%(count)d), the citizens' advisor answered "
                "the citizen alone, with advice and guidance."
            )
            % {"percent": stats.advice_only_percent, "count": stats.advice_only}
        ),
        Paragraph(
            _(
                "In %(count)d cases (%(percent)d %% of the %(total)d inquiries), the "
                "administration was involved: %(dialogue)d dialogue cases and %(forwarded)d "
                "forwarded complaints."
            )
            % {
                "count": stats.involved,
                "percent": stats.involved_percent,
                "total": stats.total,
                "dialogue": stats.dialogue,
                "forwarded": stats.forwarded,
            }
        ),
    )
    counted = [item for item in (*stats.actions, *stats.activities) if item.count]
    if counted:
        b.add(
            Paragraph(_("Beside the main handling, the citizens' advisor counted:")),
            Bullets(tuple(f"{item.name}: {item.count}" for item in counted)),
        )
    themes = text(Section.MAIN_THEMES)
    if themes:
        b.section_heading(_("Main themes"))
        b.add(*themes)
    recommendations = text(Section.RECOMMENDATIONS)
    if recommendations:
        b.section_heading(_("Recommendations"))
        b.add(*recommendations)

    # Chapter 3: the inquiries of the period, the figures, the reasons, the examples.
    b.chapter_heading(_("Inquiries to the citizens' advisor in %(period)s") % {"period": label})
    b.add(
        Paragraph(
            _("The citizens' advisor registered %(total)d inquiries in %(period)s.")
            % {"total": stats.total, "period": label}
        ),
        *text(Section.INQUIRIES),
    )
    figure1_table = _count_table(
        _("Inquiries per area, %(period)s") % {"period": label},
        _("Area"),
        (NamedCount(area.area, area.count) for area in stats.by_area),
    )
    b.add(
        Figure(
            1,
            _("Figure 1: Inquiries per area, %(period)s") % {"period": label},
            _("Bar chart of the inquiries per area; the numbers are in the table below."),
            Table(
                figure1_table.caption,
                figure1_table.headers,
                figure1_table.rows,
                total=(_("In all"), stats.total),
            ),
            *charts.get(1, (b"", b"")),
        ),
        Paragraph(
            _(
                "The number of registered inquiries is not the number of all contacts to the "
                "citizens' advisor; see appendix 1 on how inquiries are registered."
            )
        ),
    )
    b.section_heading(
        _("The citizens' advisor's handling of the %(total)d inquiries") % {"total": stats.total}
    )
    b.add(
        Figure(
            2,
            _("Figure 2: Inquiries by handling, %(period)s") % {"period": label},
            _("Chart of the inquiries by handling with percentages; the numbers are below."),
            Table(
                _("Inquiries by handling, %(period)s") % {"period": label},
                (_("Handling"), _("Inquiries"), _("Share")),
                tuple((h.name, h.count, f"{h.percent} %") for h in stats.by_handling),
                total=(_("In all"), stats.total, "100 %"),
            ),
            *charts.get(2, (b"", b"")),
        )
    )

    by_kind: dict[str, list] = {}
    for example in examples:
        by_kind.setdefault(example.handling_kind, []).append(example)

    def example_nodes(kinds: Iterable[str], heading: str) -> None:
        chosen = [e for kind in kinds for e in by_kind.get(kind, [])]
        if not chosen:
            return
        b.section_heading(heading, level=3)
        b.add(
            *(
                Example(e.title, e.area_name, tuple(text_blocks(e.text)))
                for e in sorted(chosen, key=lambda e: (e.position, e.pk or 0))
            )
        )

    b.section_heading(_("Answered by the citizens' advisor"))
    b.add(
        Paragraph(
            _(
                "%(percent)d %% of the inquiries, %(count)d of %(total)d, were closed with the "
                "citizens' advisor without the municipality being involved in the answer."
            )
            % {
                "percent": stats.advice_only_percent,
                "count": stats.advice_only,
                "total": stats.total,
            }
        ),
    )
    if stats.reasons_advice_only:
        b.add(
            _count_table(
                _("Reasons of the inquiries answered by the citizens' advisor, %(period)s")
                % {"period": label},
                _("Reason"),
                stats.reasons_advice_only,
                by_count=True,
            )
        )
    b.add(*text(Section.ADVICE))
    example_nodes([HandlingType.Kind.ADVICE, HandlingType.Kind.OTHER], _("Case examples: advice"))

    b.section_heading(_("Answered by the administration"))
    b.add(
        Paragraph(
            _(
                "In %(count)d cases the citizens' advisor asked the administration to deal with "
                "the inquiry: %(dialogue)d dialogue cases and %(forwarded)d forwarded complaints."
            )
            % {"count": stats.involved, "dialogue": stats.dialogue, "forwarded": stats.forwarded}
        )
    )
    if stats.reasons_involved:
        b.add(
            _count_table(
                _("Reasons of the inquiries where the administration was involved, %(period)s")
                % {"period": label},
                _("Reason"),
                stats.reasons_involved,
                by_count=True,
            )
        )
    b.add(*text(Section.INVOLVED))
    example_nodes([HandlingType.Kind.DIALOGUE], _("Case examples: dialogue cases"))
    example_nodes([HandlingType.Kind.FORWARDED], _("Case examples: forwarded complaints"))
    # Follow-up questions registered as a counted action are in the actions table; this sentence
    # counts those asked through the forwarding pages, and a zero would contradict that table.
    if stats.follow_up_questions_asked:
        b.add(
            Paragraph(
                ngettext(
                    "In %(period)s the citizens' advisor asked a follow-up question to a "
                    "department's answer %(count)d time.",
                    "In %(period)s the citizens' advisor asked follow-up questions to a "
                    "department's answer %(count)d times.",
                    stats.follow_up_questions_asked,
                )
                % {"period": label, "count": stats.follow_up_questions_asked}
            )
        )

    # Chapters 4 onwards: one per area of the administration.
    for area in stats.by_area:
        if area.kind != Area.Kind.ADMINISTRATION or not area.count:
            continue
        _area_chapter(b, area, label, text(Section.AREA, area.area))

    # The inquiries about the advisor function itself, and the closing words.
    general = [a for a in stats.by_area if a.kind == Area.Kind.GENERAL]
    b.chapter_heading(_("Inquiries about the citizens' advisor"))
    general_count = sum(a.count for a in general)
    b.add(
        Paragraph(
            ngettext(
                "In %(period)s, %(count)d inquiry concerned the citizens' advisor function or "
                "the municipality in general rather than one area.",
                "In %(period)s, %(count)d inquiries concerned the citizens' advisor function or "
                "the municipality in general rather than one area.",
                general_count,
            )
            % {"period": label, "count": general_count}
        ),
        *text(Section.ADVISOR_FUNCTION),
        *text(Section.CLOSING),
    )

    # Appendix 1: method, registration rules, where the printed figures differ.
    b.chapter_heading(_("Appendix 1: Method"), number=False)
    b.add(*text(Section.METHOD))
    b.section_heading(_("Registration of inquiries"))
    b.add(
        Bullets(
            (
                _(
                    "An inquiry concerns one department. One contact about several "
                    "departments is registered once per department, and the registrations "
                    "stay linked."
                ),
                _(
                    "The same person contacting again about the same subject in the same case "
                    "is a new contact on the existing inquiry, not a new inquiry."
                ),
                _("The same person with a new subject about the same department: a new inquiry."),
                _("A person who contacted the advisor earlier about another case: a new inquiry."),
                _("Several meetings or calls to clear up one inquiry: still one inquiry."),
                _(
                    "Presentations, sparring with staff and similar work are registered as "
                    "activities, to show how the advisor's time is spent; they are not "
                    "inquiries about a department."
                ),
            )
        ),
        Paragraph(
            _(
                "The number of inquiries is therefore not the number of all contacts, and says "
                "nothing of the time spent on each."
            )
        ),
    )
    b.section_heading(_("How the figures are counted"))
    b.add(
        Bullets(
            (
                _("An inquiry belongs to the period of the date it was received."),
                _(
                    "Every inquiry has one main handling. Answered by the citizens' advisor "
                    "means handled with advice only; the administration was involved in "
                    "dialogue cases and forwarded complaints."
                ),
                _("An inquiry with several reasons counts once under each reason."),
                _(
                    "Meetings attended, help with complaints and applications, and follow-up "
                    "questions are counted beside the main handling."
                ),
                _(
                    "Every figure is computed from the registrations on %(date)s; none is "
                    "typed by hand."
                )
                % {"date": _date(stats.computed_on)},
            )
        ),
    )
    differences = published_differences(stats.period.start.year)
    if differences and stats.period.whole_months == 12 and stats.period.start.month == 1:
        b.section_heading(_("Where the printed report differs from the registrations"))
        b.add(
            Paragraph(
                _(
                    "The report printed by hand for %(period)s has figures that differ from the "
                    "sum of their parts. This report prints the figures the registrations give; "
                    "the differences are:"
                )
                % {"period": label}
            ),
            Table(
                _("Printed and computed figures, %(period)s") % {"period": label},
                (_("Reason"), _("Printed"), _("Computed"), _("Explanation")),
                tuple((d.name, d.published, d.computed, d.explanation) for d in differences),
            ),
        )

    title = _("Annual report %(period)s") % {"period": label}
    if stats.department or stats.area:  # a report for one part of the municipality only
        title = f"{title}: {stats.department or stats.area}"
    return ReportDocument(
        title=title,
        office=office.name,
        municipality=office.municipality,
        period_label=label,
        period_text=_("%(start)s to %(end)s")
        % {"start": _date(stats.period.start), "end": _date(stats.period.end)},
        language=translation.get_language() or settings.LANGUAGE_CODE,
        stats=stats,
        nodes=tuple(b.nodes),
        headings=tuple(b.headings),
        example_count=len(examples),
    )


def _area_chapter(b: _Builder, area: AreaStatistics, label: str, comments: list[Node]) -> None:
    b.chapter_heading(area.area)
    b.add(
        Paragraph(
            ngettext(
                "In %(period)s the citizens' advisor registered %(count)d inquiry about %(area)s.",
                "In %(period)s the citizens' advisor registered %(count)d inquiries about "
                "%(area)s.",
                area.count,
            )
            % {"period": label, "count": area.count, "area": area.area}
        )
    )
    if area.departments:
        b.add(
            _count_table(
                _("Inquiries per department, %(area)s") % {"area": area.area},
                _("Department"),
                area.departments,
            )
        )
    b.section_heading(_("Answered by the citizens' advisor"))
    b.add(
        Paragraph(
            ngettext(
                "%(count)d of the %(total)d inquiry about %(area)s was answered by the "
                "citizens' advisor without the department being involved.",
                "%(count)d of the %(total)d inquiries about %(area)s were answered by the "
                "citizens' advisor without the department being involved.",
                area.count,
            )
            % {"count": area.advice_only, "total": area.count, "area": area.area}
        )
    )
    if area.reasons_advice_only:
        b.add(
            _count_table(
                _("Reasons, answered by the citizens' advisor, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_advice_only,
                by_count=True,
            )
        )
    b.section_heading(_("Answered by %(area)s") % {"area": area.area})
    b.add(
        Paragraph(
            ngettext(
                "Once the citizens' advisor asked %(area)s to deal with an inquiry (dialogue "
                "cases: %(dialogue)d, forwarded complaints: %(forwarded)d).",
                "%(count)d times the citizens' advisor asked %(area)s to deal with an inquiry "
                "(dialogue cases: %(dialogue)d, forwarded complaints: %(forwarded)d).",
                area.involved,
            )
            % {
                "count": area.involved,
                "area": area.area,
                "dialogue": area.dialogue,
                "forwarded": area.forwarded,
            }
        )
    )
    if area.reasons_involved:
        b.add(
            _count_table(
                _("Reasons, the administration involved, %(area)s") % {"area": area.area},
                _("Reason"),
                area.reasons_involved,
                by_count=True,
            )
        )
    counted = [item for item in area.actions if item.count]
    if counted:
        b.add(Bullets(tuple(f"{item.name}: {item.count}" for item in counted)))
    b.add(*comments)


def report_document(
    stats: ReportStatistics, *, charts: dict[int, tuple[bytes, bytes]] | None = None
) -> ReportDocument:
    """The one selector behind every renderer: statistics + the year's texts + its approved
    examples + the method appendix. The report year is the year its period starts in."""
    year = stats.period.start.year
    office = Office.load()
    area_ids = {name: pk for pk, name in Area.objects.values_list("pk", "name")}
    with translation.override(settings.LANGUAGE_CODE):
        return build_report_document(
            stats,
            texts=report_texts_for_document(year),
            area_ids=area_ids,
            examples=approved_examples_for_document(year),
            office=office,
            charts=charts,
        )
