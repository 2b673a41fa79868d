"""Word fields and the properties every report file carries, with or without a template.

The contents page is a list of entries, each a link to its heading's bookmark with a PAGEREF
field for the page number, not a TOC field: LibreOffice keeps a TOC field's entries as they
were written (with no page numbers, since the writer cannot know them), but computes a PAGEREF
when it lays the document out, and Word computes both when it opens the file (the fields are
marked dirty and the settings ask for `updateFields`).
"""

import datetime

from docx.document import Document as DocumentObject
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph as DocxParagraph

# The language tags Word's proofing knows, by the site's language codes.
LANGUAGE_TAGS = {"da": "da-DK", "en": "en-GB"}

# The elements of CT_Settings that come after w:updateFields (ECMA-376, part 1, 17.15.1.78).
_AFTER_UPDATE_FIELDS = {
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
}  # fmt: skip


def language_tag(language: str) -> str:
    """'da' -> 'da-DK': the tag Word's spelling and hyphenation use."""
    return LANGUAGE_TAGS.get(language.split("-")[0].lower(), language)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _run(*children: BaseOxmlElement) -> BaseOxmlElement:
    run = OxmlElement("w:r")
    for child in children:
        run.append(child)
    return run


def _field_char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if dirty:  # Word recomputes a dirty field when it opens the file
        element.set(qn("w:dirty"), "true")
    return element


def _text(text: str) -> BaseOxmlElement:
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def field_runs(instruction: str, result: str = "", *, dirty: bool = False) -> list[BaseOxmlElement]:
    """The runs of one complex field: begin, the instruction, its shown result, end."""
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    runs = [
        _run(_field_char("begin", dirty=dirty)),
        _run(instr),
        _run(_field_char("separate")),
    ]
    if result:
        runs.append(_run(_text(result)))
    runs.append(_run(_field_char("end")))
    return runs


def add_field(paragraph: DocxParagraph, instruction: str, result: str = "") -> None:
    for run in field_runs(instruction, result):
        paragraph._p.append(run)


def bookmark(paragraph: DocxParagraph, name: str, number: int) -> None:
    """A bookmark around the paragraph's text, the target of a contents entry."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def contents_entry(paragraph: DocxParagraph, text: str, target: str, width: int) -> None:
    """One line of the contents: the heading as a link to its bookmark, a dotted tab and the
    page number as a PAGEREF field (computed by Word and LibreOffice, never guessed here)."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(
        width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
    )
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), target)
    link.set(qn("w:history"), "1")
    link.append(_run(_text(text)))
    link.append(_run(OxmlElement("w:tab")))
    for run in field_runs(f"PAGEREF {target} \\h", dirty=True):
        link.append(run)
    paragraph._p.append(link)


def ask_to_update_fields(word: DocumentObject) -> None:
    """Ask Word to compute the fields (the contents' page numbers) when it opens the file."""
    settings = word.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word reads settings.xml in the schema's order: updateFields goes before these.
    later = next((child for child in settings if _local(child.tag) in _AFTER_UPDATE_FIELDS), None)
    if later is not None:
        later.addprevious(update)
    else:
        settings.append(update)


def mark_language(word: DocumentObject, tag: str) -> None:
    """Every run of the body in the report's language, whatever the template's default: Word
    then checks the spelling in Danish."""
    for run in word.element.body.iter(qn("w:r")):
        properties = run.get_or_add_rPr()
        lang = properties.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            properties.append(lang)
        lang.set(qn("w:val"), tag)


def set_properties(
    word: DocumentObject,
    *,
    title: str,
    author: str,
    subject: str,
    language: str,
    now: datetime.datetime,
) -> None:
    """The file's metadata from the office and the report, none left from python-docx's own
    template (its author, 'generated by python-docx', a date in 2013)."""
    properties = word.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.subject = subject
    properties.language = language
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    created = now.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    properties.created = created
    properties.modified = created
