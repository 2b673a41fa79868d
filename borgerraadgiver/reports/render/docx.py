"""The report as a Word document (python-docx): real Heading 1–3 styles (Word's navigation pane
works), tables with a repeated header row, Figure 1 and 2 as PNG images with captions, a page
break before each chapter.

With a municipality's own template, its styles, letterhead, headers and footers are kept: the
template's body is cleared (its section settings stay) and the report is written into it.
"""

import datetime
import io
from pathlib import Path
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from borgerraadgiver.report_content.text_blocks import Block
from borgerraadgiver.reports.render.builder import page_of
from borgerraadgiver.reports.render.docx_fields import (
    ask_to_update_fields,
    bookmark,
    contents_entry,
    language_tag,
    mark_language,
    set_properties,
)
from borgerraadgiver.reports.render.docx_style import apply_house_style
from borgerraadgiver.reports.render.model import (
    Bullets,
    Example,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    ReportDocument,
    Table,
)

REQUIRED_STYLES = ("Heading 1", "Heading 2", "Heading 3")
# A number column's width: wide enough to read with three columns or fewer, narrower with four.
NUMBER_WIDTH = {2: Cm(3.25), 3: Cm(3.25), 4: Cm(2.2)}
CELL_PADDING = Cm(0.45)  # Word's cell margins, left and right
BODY_SIZE, SMALL_SIZE = 10.5, 8.0
SHORT_LIST, SHORT_TABLE = 6, 12  # kept whole on one page up to this many items or rows


def _word_width(text: str, size: float, *, bold: bool, whole: bool = False) -> int:
    """The width of the longest word of `text` (of all of it if `whole`: a number such as
    "2 (13 %)"): a column narrower than that breaks it (Arial's letters average about 0.55 em,
    bold 0.62 em; a little too wide is harmless)."""
    longest = len(text) if whole else max((len(word) for word in text.split()), default=0)
    return int(Pt(longest * size * (0.62 if bold else 0.55))) + CELL_PADDING


def _widths(node: Table, text_width: int, size: float) -> tuple[Length, ...] | None:
    """Column widths in which no header or cell breaks inside a word: a number column as wide as
    its longest word, the text columns share the rest by the length of their text."""
    columns = len(node.headers)
    if columns < 2:
        return None
    rows = [*node.rows, *([node.total] if node.total else [])]
    numeric = node.numeric
    least = [
        max(
            _word_width(header, size, bold=True),
            *(_word_width(str(row[i]), size, bold=True, whole=numeric[i]) for row in rows),
        )
        for i, header in enumerate(node.headers)
    ]
    widths: list[int] = [
        max(least[i], NUMBER_WIDTH.get(columns, 0)) if numeric[i] and i else 0
        for i in range(columns)
    ]
    texts = [i for i in range(columns) if not widths[i]]
    room = text_width - sum(widths)
    weight = {i: max(len(str(row[i])) for row in rows) if rows else 1 for i in texts}
    for i in texts:
        widths[i] = max(least[i], room * max(weight[i], 1) // max(sum(weight.values()), 1))
    return tuple(Emu(width) for width in widths)


class TemplateError(ValueError):
    """The Word template cannot be used: unreadable, or without the heading styles."""


def _style_names(document: DocumentObject) -> set[str]:
    return {style.name for style in document.styles if style.name}


def _open(template: Path | None) -> DocumentObject:
    if template is None:
        return Document()  # python-docx's default, turned into the house style by the caller
    try:
        document = Document(str(template))
    except Exception as error:  # python-docx raises several kinds for a file that is not docx
        raise TemplateError(f"The Word template {template} cannot be opened: {error}") from None
    missing = [name for name in REQUIRED_STYLES if name not in _style_names(document)]
    if missing:
        raise TemplateError(
            f"The Word template {template} lacks the style(s) {', '.join(missing)}; the report's "
            "chapters need Word's built-in heading styles (add a heading of each level once, "
            "then delete the text, and save the template)."
        )
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # keep the page set-up, headers and footers
            body.remove(child)
    return document


class _Writer:
    """Writes the nodes into the Word document. Spacing is the styles' (no empty paragraphs):
    a page break is the next paragraph's "page break before", the room after a table the next
    paragraph's space before."""

    def __init__(self, document: DocumentObject) -> None:
        self.doc = document
        self.styles = _style_names(document)
        section = document.sections[0]
        margins = (section.left_margin or 0) + (section.right_margin or 0)
        self.text_width = int((section.page_width or Cm(21)) - margins)
        self.break_next = False  # the next paragraph starts a page
        self.after_table = False  # the next paragraph needs room above it
        self.bookmarks = 0

    def style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def _start(self, paragraph: DocxParagraph) -> DocxParagraph:
        if self.break_next:
            paragraph.paragraph_format.page_break_before = True
        elif self.after_table:
            paragraph.paragraph_format.space_before = Pt(12)
        self.break_next = self.after_table = False
        return paragraph

    def paragraph(self, text: str, *names: str, keep: bool = False) -> DocxParagraph:
        paragraph = self._start(self.doc.add_paragraph(text, style=self.style(*names, "Normal")))
        if keep or text.rstrip().endswith(":"):  # introduces the list or table that follows
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for index, block in enumerate(blocks):
            if block.is_list:
                self.bullets(block.items)
            else:
                following = blocks[index + 1] if index + 1 < len(blocks) else None
                self.paragraph(block.text, keep=following is not None and following.is_list)

    def bullets(self, items: tuple[str, ...]) -> None:
        """A short list stays on one page; a long one keeps at least two items together at
        each end, so that no page starts or ends with one lone item."""
        style = self.style("List Bullet", "List Paragraph")
        last = len(items) - 1
        for index, item in enumerate(items):
            paragraph = self._start(
                self.doc.add_paragraph(item if style else f"• {item}", style=style)
            )
            paragraph.paragraph_format.space_after = Pt(2)
            paragraph.paragraph_format.keep_with_next = index < last and (
                len(items) <= SHORT_LIST or index == 0 or index == last - 1
            )
        if items:
            self.after_table = True  # room between the list and what follows

    def heading(self, node: Heading) -> None:
        paragraph = self._start(self.doc.add_paragraph(node.full, style=f"Heading {node.level}"))
        paragraph.paragraph_format.keep_with_next = True
        if node.level <= 2:
            self.bookmarks += 1
            bookmark(paragraph, _bookmark_name(node), self.bookmarks)

    def caption(self, text: str) -> None:
        paragraph = self.paragraph(text, "Caption", keep=True)
        if "Caption" not in self.styles:
            for run in paragraph.runs:
                run.bold = True

    def table(self, node: Table, *, with_caption: bool = True) -> None:
        if with_caption:
            self.caption(node.caption)
        numeric = node.numeric
        rows = list(node.rows) + ([node.total] if node.total else [])
        table = self.doc.add_table(rows=1 + len(rows), cols=len(node.headers))
        style = self.style("Light List Accent 1", "Table Grid")
        if style:
            table.style = style
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        header = table.rows[0]
        _repeat_header(header)
        # Many columns (the forwarding figures) share the width in a smaller type.
        points = SMALL_SIZE if len(node.headers) > 4 else BODY_SIZE
        size = Pt(SMALL_SIZE) if points == SMALL_SIZE else None
        for cell, text, is_number in zip(header.cells, node.headers, numeric, strict=True):
            self._cell(cell, text, bold=True, right=is_number, size=size)
        # A short table stays on one page; a long one may break (its header row repeats), but
        # not before its second row nor before its last two.
        last = len(rows) - 1
        for index, (row_cells, values) in enumerate(zip(table.rows[1:], rows, strict=True)):
            is_total = node.total is not None and values is node.total
            keep = index < last and (len(rows) <= SHORT_TABLE or index == 0 or index >= last - 2)
            for cell, value, is_number in zip(row_cells.cells, values, numeric, strict=True):
                self._cell(cell, str(value), bold=is_total, right=is_number, keep=keep, size=size)
        widths = _widths(node, self.text_width, points)
        if widths:  # Word and LibreOffice both need the column's and the cells' width
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
                for cell in column.cells:
                    cell.width = width
        self.after_table = True

    def _cell(
        self,
        cell: Any,
        text: str,
        *,
        bold: bool,
        right: bool,
        keep: bool = True,
        size: Length | None = None,
    ) -> None:
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(text)
        run.bold = bold
        if size is not None:
            run.font.size = size
        paragraph.paragraph_format.space_before = Pt(1)
        paragraph.paragraph_format.space_after = Pt(1)
        paragraph.paragraph_format.keep_with_next = keep
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def figure(self, node: Figure) -> None:
        self.caption(node.caption)
        if node.png:
            paragraph = self._start(self.doc.add_paragraph())
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            # The chart keeps its caption; its table (with a caption of its own) may start the
            # next page rather than push chart and table on and leave this page nearly empty.
            paragraph.paragraph_format.keep_with_next = False
            run = paragraph.add_run()
            run.add_picture(io.BytesIO(node.png), width=Cm(15))
            _set_alt_text(run, node.alt)
        self.table(node.table)

    def example(self, node: Example) -> None:
        title = self.paragraph(node.title, keep=True)
        for run in title.runs:
            run.bold = True
        if node.area:
            area = self.paragraph(node.area, keep=True)
            for run in area.runs:
                run.italic = True
        self.blocks(node.blocks)

    def contents(self, document: ReportDocument) -> None:
        """The contents page: chapters and sections with their page numbers (see
        `docx_fields`)."""
        self.paragraph(_("Contents"), "TOC Heading", "Heading 1")
        for heading in document.headings:
            if heading.level > 2:
                continue
            style = self.style(f"toc {heading.level}", "Normal")
            paragraph = self.doc.add_paragraph(style=style)
            if heading.level == 2 and style == "Normal":
                paragraph.paragraph_format.left_indent = Cm(0.6)
            contents_entry(paragraph, heading.full, _bookmark_name(heading), self.text_width)
        ask_to_update_fields(self.doc)
        self.break_next = True


def _bookmark_name(heading: Heading) -> str:
    """Word's hidden bookmark names start with an underscore; letters, digits and _ only."""
    return "_Toc_" + heading.anchor.replace("-", "_")


def _repeat_header(row: Any) -> None:
    """Mark the row as a header row, repeated at the top of each page the table spans."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)
    cant_split = OxmlElement("w:cantSplit")
    properties.insert(0, cant_split)


def _set_alt_text(run: Any, text: str) -> None:
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", text)


def _title_page(writer: _Writer, document: ReportDocument) -> None:
    office = writer.paragraph(document.office)
    office.paragraph_format.space_before = Cm(6)  # the title page's white space, not empty lines
    for run in office.runs:
        run.bold = True
        run.font.size = Pt(16)
    if document.municipality:
        writer.paragraph(document.municipality)
    writer.paragraph(document.title, "Title")
    writer.paragraph(document.period_text, "Subtitle")
    if document.edition_text:
        writer.paragraph(document.edition_text, "Subtitle")
    writer.break_next = True


def _body(writer: _Writer, document: ReportDocument) -> None:
    nodes = document.nodes
    for index, node in enumerate(nodes):
        following = nodes[index + 1] if index + 1 < len(nodes) else None
        if isinstance(node, PageBreak):
            writer.break_next = True
        elif isinstance(node, Heading):
            writer.heading(node)
        elif isinstance(node, Paragraph):
            # A paragraph that introduces a list or a table stays on its page.
            writer.paragraph(node.text, keep=isinstance(following, Bullets | Table | Figure))
        elif isinstance(node, Bullets):
            writer.bullets(node.items)
        elif isinstance(node, Table):
            writer.table(node)
        elif isinstance(node, Figure):
            writer.figure(node)
        elif isinstance(node, Example):
            writer.example(node)


def render_docx(
    document: ReportDocument, *, template: Path | None = None, now: datetime.datetime | None = None
) -> bytes:
    """The report as DOCX, in the project's Danish template or the municipality's `template`;
    `now` is the file's creation time (the time of rendering unless given)."""
    with translation.override(document.language):
        tag = language_tag(document.language)
        word = _open(template)
        if template is None:
            apply_house_style(
                word,
                tag=tag,
                running_head=f"{document.office} · {document.title}",
                page_of=page_of(),
            )
        writer = _Writer(word)
        _title_page(writer, document)
        writer.contents(document)
        _body(writer, document)
        mark_language(word, tag)
        set_properties(
            word,
            title=document.title,
            author=document.office,
            subject=document.period_text,
            language=tag,
            now=now or timezone.now(),
        )
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()
