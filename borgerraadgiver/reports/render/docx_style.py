"""The project's own Danish Word template, built from python-docx's default document each time a
report is rendered without a municipality's template (so there is no binary file to drift from
the code): A4, a sans-serif body (Arial; LibreOffice shows it as the metric-equal Liberation
Sans), dark blue headings, the proofing language of the report (da-DK) in the styles, the theme
and the settings, a running header with the office and the report's title, "Side x af y" in the
footer, and a title page without either.

A municipality's template (`--template`) replaces all of this: its styles, letterhead, header and
footer are kept as they are.
"""

from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from borgerraadgiver.reports.render.docx_fields import add_field

FONT = "Arial"
BLUE = RGBColor(0x0B, 0x3B, 0x60)
GREY = RGBColor(0x55, 0x55, 0x55)
# The theme's fonts (Calibri, Cambria) and its Office 2010 blue, replaced in theme1.xml.
THEME_REPLACEMENTS = (
    (b'typeface="Calibri"', f'typeface="{FONT}"'.encode()),
    (b'typeface="Cambria"', f'typeface="{FONT}"'.encode()),
    (b'<a:srgbClr val="4F81BD"/>', b'<a:srgbClr val="0B3B60"/>'),
)
# Style name: (size in points, bold, blue, space before, space after).
STYLES = {
    "Normal": (10.5, False, False, 0, 6),
    "Heading 1": (18, True, True, 0, 10),
    "Heading 2": (13.5, True, True, 14, 4),
    "Heading 3": (11.5, True, True, 10, 3),
    "Title": (28, True, True, 18, 12),
    "Subtitle": (13, False, False, 0, 6),
    "Caption": (10, True, True, 10, 4),
    "List Bullet": (10.5, False, False, 0, 2),
    "TOC Heading": (18, True, True, 0, 12),
}


def _theme_and_fonts(word: DocumentObject, tag: str) -> None:
    """The theme's fonts and colour, and no theme font left in a style (Word prefers a theme
    font to a named one, LibreOffice the other way round: with none, both show Arial)."""
    for part in word.part.package.iter_parts():
        if str(part.partname).endswith("/theme1.xml") and isinstance(part, Part):
            blob = part.blob
            for old, new in THEME_REPLACEMENTS:
                blob = blob.replace(old, new)
            part._blob = blob  # a theme is a plain part in python-docx: its bytes are the part
    styles = word.styles.element
    for element in styles.iter():  # the table styles' fills and borders in the same blue
        for key, value in element.attrib.items():
            if value == "4F81BD":
                element.set(key, "0B3B60")
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        for attribute in ("ascii", "hAnsi", "cs"):
            fonts.set(qn(f"w:{attribute}"), FONT)
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
    font_lang = word.settings.element.find(qn("w:themeFontLang"))
    if font_lang is not None:
        font_lang.set(qn("w:val"), tag)
        font_lang.attrib.pop(qn("w:eastAsia"), None)


def _drop_leftovers(word: DocumentObject) -> None:
    """Parts of python-docx's default that nothing reads but that would still say en-US or show
    an old page: Word 2010's copy of the styles and the package's thumbnail picture."""
    for rel_id, rel in list(word.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            word.part.drop_rel(rel_id)
    package_rels = word.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def _styles(word: DocumentObject) -> None:
    styles = word.styles
    for name in ("TOC Heading", "toc 1", "toc 2"):
        if name not in [style.name for style in styles]:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Normal"]
    for name, (size, bold, blue, before, after) in STYLES.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = bold
        if blue:  # no colour on the others: a table style's white header text must win
            style.font.color.rgb = BLUE
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.widow_control = True
    styles["Normal"].paragraph_format.line_spacing = 1.15
    styles["Caption"].paragraph_format.keep_with_next = True
    for name, indent in (("toc 1", 0), ("toc 2", 0.6)):
        style = styles[name]
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.space_after = Pt(3 if indent else 4)
        style.font.bold = not indent
    styles["Header"].font.size = styles["Footer"].font.size = Pt(8.5)
    styles["Header"].font.color.rgb = styles["Footer"].font.color.rgb = GREY


def _header_and_footer(
    word: DocumentObject, *, running_head: str, page_of: tuple[str, ...]
) -> None:
    """The office and the report's title at the top of each page, "Side x af y" at the foot; the
    title page has neither (a different first page)."""
    section = word.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = running_head
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, between, after = page_of
    footer.add_run(before)
    add_field(footer, "PAGE", "1")
    footer.add_run(between)
    add_field(footer, "NUMPAGES", "1")
    footer.add_run(after)
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "4"), ("space", "4"), ("color", "0B3B60")):
        bottom.set(qn(f"w:{key}"), value)
    border.append(bottom)
    header._p.get_or_add_pPr().append(border)


def apply_house_style(
    word: DocumentObject, *, tag: str, running_head: str, page_of: tuple[str, ...]
) -> None:
    """Turn python-docx's default document into the project's Danish template."""
    section = word.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1.1)
    _drop_leftovers(word)
    _theme_and_fonts(word, tag)
    _styles(word)
    _header_and_footer(word, running_head=running_head, page_of=page_of)
