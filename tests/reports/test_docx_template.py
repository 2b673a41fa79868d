"""The Word report in the project's Danish template, as python-docx and LibreOffice read it: da-DK
in the styles, theme, settings and every run, the office's metadata, the running header and
"Side x af y", no empty paragraphs, the keep-together rules, and a contents page that LibreOffice
opens without repair and fills with the right page numbers."""

import datetime
import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.utils import timezone, translation
from docx import Document
from docx.oxml.ns import qn

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.render.builder import page_of
from borgerraadgiver.reports.render.document import report_document
from borgerraadgiver.reports.statistics import report_statistics
from tests.demo.snapshot import restored
from tests.reports.pdf_pages import nearly_empty_pages

TODAY = datetime.date(2025, 3, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report(demo_snapshot, django_db_blocker):
    """The demo's 2024 report as DOCX, with its title, office and chapters."""
    with django_db_blocker.unblock(), restored(demo_snapshot):
        stats = report_statistics(
            period=report_period_for_year(2024, office=Office.load()), today=TODAY
        )
        document = report_document(stats)
        before = timezone.now()
        docx = render("docx", stats)
        return {"docx": docx, "doc": document, "office": Office.load(), "before": before}


def _xml(docx: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read(name).decode()


def test_danish_proofing_language_in_styles_theme_settings_and_every_run(report):
    word = Document(io.BytesIO(report["docx"]))
    styles = word.styles.element
    languages = {lang.get(qn("w:val")) for lang in styles.iter(qn("w:lang"))}
    assert languages == {"da-DK"}
    default = styles.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert default.get(qn("w:val")) == "da-DK"
    assert 'w:themeFontLang w:val="da-DK"' in _xml(report["docx"], "word/settings.xml")
    runs = list(word.element.body.iter(qn("w:r")))
    assert runs and all(run.find(f"{qn('w:rPr')}/{qn('w:lang')}") is not None for run in runs)
    assert {run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) for run in runs} == {"da-DK"}
    # A sans-serif body and headings; no theme font (Calibri, Cambria) left to override it.
    assert word.styles["Normal"].font.name == word.styles["Heading 1"].font.name == "Arial"
    theme = _xml(report["docx"], "word/theme/theme1.xml")
    assert "Calibri" not in theme and "Cambria" not in theme
    # No part of the file is left in US English or from python-docx's own template.
    with zipfile.ZipFile(io.BytesIO(report["docx"])) as archive:
        for name in archive.namelist():
            content = archive.read(name)
            assert b"en-US" not in content and b"python-docx" not in content, name


def test_metadata_comes_from_the_office_and_the_time_of_rendering(report):
    word = Document(io.BytesIO(report["docx"]))
    properties = word.core_properties
    assert properties.title == report["doc"].title
    assert properties.author == properties.last_modified_by == report["office"].name
    assert properties.language == "da-DK"
    created = properties.created.replace(tzinfo=datetime.UTC)
    assert report["before"].replace(microsecond=0) <= created <= timezone.now()
    core = _xml(report["docx"], "docProps/core.xml")
    assert "python-docx" not in core and "2013" not in core


def test_running_header_page_x_of_y_and_a_title_page_without_them(report):
    word = Document(io.BytesIO(report["docx"]))
    section = word.sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0].text
    assert report["office"].name in header and report["doc"].title in header
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    assert not "".join(p.text for p in section.first_page_footer.paragraphs).strip()
    footer = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    with translation.override(report["doc"].language):
        before, between, _after = page_of()
    assert before.strip() in section.footer.paragraphs[0].text
    assert between.strip() in section.footer.paragraphs[0].text


def test_no_empty_paragraphs_and_what_belongs_together_stays_together(report):
    word = Document(io.BytesIO(report["docx"]))
    paragraphs = word.paragraphs
    drawing = f".//{qn('w:drawing')}"
    empty = [p for p in paragraphs if not p.text.strip() and p._p.find(drawing) is None]
    assert not empty, "an empty paragraph used as spacing"  # a chart's paragraph holds its image
    captions = [p for p in paragraphs if p.style.name == "Caption"]
    assert captions and all(p.paragraph_format.keep_with_next for p in captions)
    for previous, paragraph in itertools.pairwise(paragraphs):
        if paragraph.style.name == "List Bullet" and previous.style.name == "Normal":
            assert previous.paragraph_format.keep_with_next, previous.text
    for table in word.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # The chapters start a page by their own paragraph setting.
    chapters = [p for p in paragraphs if p.style.name == "Heading 1"]
    assert sum(bool(p.paragraph_format.page_break_before) for p in chapters) >= 8


def test_the_contents_has_a_page_reference_to_each_chapter(report):
    document = _xml(report["docx"], "word/document.xml")
    for heading in report["doc"].headings:
        if heading.level == 1:
            name = "_Toc_" + heading.anchor.replace("-", "_")
            assert f'w:name="{name}"' in document
            assert f"PAGEREF {name} \\h" in document
    assert 'w:updateFields w:val="true"' in _xml(report["docx"], "word/settings.xml")


@pytest.fixture(scope="module")
def libreoffice_pdf(report, tmp_path_factory) -> Path:
    """The 2024 DOCX converted once by LibreOffice headless."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "beretning-2024.docx"
    source.write_bytes(report["docx"])
    result = subprocess.run(  # noqa: S603 - LibreOffice on a file the test wrote
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    pdf = folder / "beretning-2024.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    return pdf


def _pages(pdf: Path) -> list[str]:
    command = ["pdftotext", "-layout", str(pdf), "-"]
    # poppler from the PATH (CI installs it), on a file the test wrote
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    return text.split("\f")


@pytest.mark.libreoffice
def test_libreoffice_opens_the_docx_and_numbers_the_contents(report, libreoffice_pdf):
    pages = _pages(libreoffice_pdf)
    contents = pages[1]
    chapters = [h.full for h in report["doc"].headings if h.level == 1]
    for chapter in chapters:
        match = re.search(re.escape(chapter) + r"\s*\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)
        assert match, f"no page number for {chapter!r} in the contents:\n{contents}"
        page = int(match.group(1))
        # The number is the page the chapter starts on in LibreOffice's own layout.
        lines = [line.strip() for line in pages[page - 1].splitlines() if line.strip()]
        assert chapter in lines[:3], f"{chapter!r} is not at the top of page {page}"
    with translation.override(report["doc"].language):
        before, between, _after = page_of()
    assert f"{before}2{between}{len(pages) - 1}".strip() in contents  # "Side 2 af N"


@pytest.mark.libreoffice
def test_libreoffice_leaves_no_page_nearly_empty(report, libreoffice_pdf):
    chapters = tuple(h.full for h in report["doc"].headings if h.level == 1)
    assert not nearly_empty_pages(libreoffice_pdf, chapters)
