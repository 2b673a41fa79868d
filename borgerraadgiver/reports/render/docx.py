"""The report as a Word document (python-docx): real Heading 1–3 styles (Word's navigation pane
works), tables with a repeated header row, Figure 1 and 2 as PNG images with captions, a page
break before each chapter.

With a municipality's own template, its styles, letterhead, headers and footers are kept: the
template's body is cleared (its section settings stay) and the report is written into it.
"""

import io
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from borgerraadgiver.report_content.text_blocks import Block
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
# Column widths by number of columns: name and count; name, count, share; the differences table.
COLUMN_WIDTHS = {
    2: (Cm(12.5), Cm(4)),
    3: (Cm(10), Cm(3.25), Cm(3.25)),
    4: (Cm(4.5), Cm(2.2), Cm(2.2), Cm(7.6)),
}
WIDE_NAME, TEXT_WIDTH = Cm(3.6), Cm(16.5)


def _widths(columns: int) -> tuple[Length, ...] | None:
    """The table's column widths: the name column gets the room, the numbers share the rest."""
    if columns in COLUMN_WIDTHS:
        return COLUMN_WIDTHS[columns]
    if columns < 2:
        return None
    number = Emu((TEXT_WIDTH - WIDE_NAME) // (columns - 1))
    return (WIDE_NAME, *[number] * (columns - 1))


class TemplateError(ValueError):
    """The Word template cannot be used: unreadable, or without the heading styles."""


def _style_names(document: DocumentObject) -> set[str]:
    return {style.name for style in document.styles if style.name}


def _open(template: Path | None) -> DocumentObject:
    if template is None:
        return Document()
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
    def __init__(self, document: DocumentObject) -> None:
        self.doc = document
        self.styles = _style_names(document)
        self.last: DocxParagraph | None = None

    def style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def paragraph(self, text: str = "", *names: str) -> DocxParagraph:
        self.last = self.doc.add_paragraph(text, style=self.style(*names, "Normal"))
        if text.rstrip().endswith(":"):  # introduces the list or table that follows
            self.last.paragraph_format.keep_with_next = True
        return self.last

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if block.is_list:
                self.bullets(block.items)
            else:
                self.paragraph(block.text)

    def bullets(self, items: tuple[str, ...]) -> None:
        style = self.style("List Bullet", "List Paragraph")
        for item in items:
            paragraph = self.doc.add_paragraph(item if style else f"• {item}", style=style)
            paragraph.paragraph_format.space_after = Pt(2)

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def heading(self, node: Heading, *, new_page: bool = False) -> None:
        paragraph = self.doc.add_paragraph(node.full, style=f"Heading {node.level}")
        paragraph.paragraph_format.keep_with_next = True
        # A chapter starts a page by its own paragraph setting: no empty line above it.
        paragraph.paragraph_format.page_break_before = new_page

    def caption(self, text: str) -> None:
        paragraph = self.paragraph(text, "Caption")
        paragraph.paragraph_format.keep_with_next = True
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
        size = Pt(8) if len(node.headers) > 4 else None
        for cell, text, is_number in zip(header.cells, node.headers, numeric, strict=True):
            self._cell(cell, text, bold=True, right=is_number, size=size)
        # A short table stays on one page; a long one may break (its header row repeats).
        keep = len(rows) <= 12
        for row_cells, values in zip(table.rows[1:], rows, strict=True):
            is_total = node.total is not None and values is node.total
            for cell, value, is_number in zip(row_cells.cells, values, numeric, strict=True):
                self._cell(cell, str(value), bold=is_total, right=is_number, keep=keep, size=size)
        widths = _widths(len(node.headers))
        if widths:  # the name column gets the room; Word and LibreOffice both need both set
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = width
                for cell in column.cells:
                    cell.width = width
        self.paragraph("")

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
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = keep
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def figure(self, node: Figure) -> None:
        self.caption(node.caption)
        if node.png:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.keep_with_next = True
            run = paragraph.add_run()
            run.add_picture(io.BytesIO(node.png), width=Cm(15))
            _set_alt_text(run, node.alt)
        self.table(node.table)

    def example(self, node: Example) -> None:
        title = self.paragraph(node.title)
        title.paragraph_format.keep_with_next = True
        for run in title.runs:
            run.bold = True
        if node.area:
            area = self.paragraph(node.area)
            area.paragraph_format.keep_with_next = True
            for run in area.runs:
                run.italic = True
        self.blocks(node.blocks)


def _repeat_header(row: Any) -> None:
    """Mark the row as a header row, repeated at the top of each page the table spans."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _set_alt_text(run: Any, text: str) -> None:
    for doc_pr in run._r.iter(qn("wp:docPr")):
        doc_pr.set("descr", text)


# The elements of CT_Settings that come after w:updateFields (ECMA-376, part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
}  # fmt: skip


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _table_of_contents(writer: _Writer, document: ReportDocument) -> None:
    """A Word TOC field; until Word updates it, it lists the chapters (without page numbers)."""
    writer.paragraph(_("Contents"), "TOC Heading", "Heading 1")
    paragraph = writer.doc.add_paragraph()
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = 'TOC \\o "1-2" \\h \\z \\u'
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(instruction)
    run._r.append(separate)
    for heading in document.headings:
        if heading.level <= 2:
            run.add_text(("    " if heading.level == 2 else "") + heading.full)
            run.add_break()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)
    # Ask Word to refresh the table of contents (page numbers) when the file is opened.
    settings = writer.doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word reads settings.xml in the schema's order: updateFields goes before these.
    later = next((child for child in settings if _local(child.tag) in _AFTER_UPDATE_FIELDS), None)
    if later is not None:
        later.addprevious(update)
    else:
        settings.append(update)


def render_docx(document: ReportDocument, *, template: Path | None = None) -> bytes:
    word = _open(template)
    writer = _Writer(word)
    with translation.override(document.language):
        word.core_properties.title = document.title
        word.core_properties.author = document.office
        word.core_properties.language = document.language
        # The title page.
        for _index in range(6):
            writer.paragraph("")
        office = writer.paragraph(document.office)
        for run in office.runs:
            run.bold = True
            run.font.size = Pt(16)
        if document.municipality:
            writer.paragraph(document.municipality)
        writer.paragraph(document.title, "Title")
        writer.paragraph(document.period_text, "Subtitle")
        if document.edition_text:
            writer.paragraph(document.edition_text, "Subtitle")
        writer.page_break()
        _table_of_contents(writer, document)
        new_page = False
        for node in document.nodes:
            if isinstance(node, PageBreak):
                new_page = True
                continue
            if new_page and not isinstance(node, Heading):
                writer.page_break()  # before anything but a heading, as a paragraph of its own
            if isinstance(node, Heading):
                writer.heading(node, new_page=new_page)
            elif isinstance(node, Paragraph):
                writer.paragraph(node.text)
            elif isinstance(node, Bullets):
                writer.bullets(node.items)
            elif isinstance(node, Table):
                writer.table(node)
            elif isinstance(node, Figure):
                writer.figure(node)
            elif isinstance(node, Example):
                writer.example(node)
            new_page = False
    if template is None:
        section = word.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        _page_numbers(word)
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def _page_numbers(word: DocumentObject) -> None:
    """A centred page number in the footer (only without a template: a template has its own)."""
    footer = word.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
