"""The report PDF as an assistive technology and a reader see it, for the demo's 2024 report, a
report for one area and a 2024/25 report (a report year starting in April): a tagged PDF/UA-1
file with its title, language, bookmarks and structure tree (read with pikepdf), and pages that
are not left nearly empty before the next chapter, nor within a chapter (the page's text read
with poppler's pdftotext, without the running header and footer)."""

import dataclasses
import datetime
import io
import shutil

import pikepdf
import pytest

from borgerraadgiver.organisation.models import Area, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.render.document import report_document
from borgerraadgiver.reports.statistics import report_statistics
from tests.demo.snapshot import restored
from tests.reports.pdf_pages import nearly_empty_pages

TODAY = datetime.date(2025, 4, 15)
# Tags the report always has; "Figure" (a chart with its alternative text) is checked apart.
REQUIRED_TAGS = {"H1", "H2", "H3", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD", "Caption"}

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils"),
]


@dataclasses.dataclass(frozen=True)
class Rendered:
    name: str
    pdf: bytes
    title: str
    chapters: tuple[str, ...]  # the chapters' headings as printed, "3 Henvendelser …"
    charts: int


def _render(name: str, stats) -> Rendered:
    document = report_document(stats)
    return Rendered(
        name=name,
        pdf=render("pdf", stats),
        title=document.title,
        chapters=tuple(h.full for h in document.headings if h.level == 1),
        charts=sum(1 for node in document.nodes if node.kind == "figure"),
    )


@pytest.fixture(scope="module")
def reports(demo_snapshot, django_db_blocker) -> dict[str, Rendered]:
    """Three reports of the demo register, rendered once for the module."""
    with django_db_blocker.unblock(), restored(demo_snapshot):
        office = Office.load()
        year = report_period_for_year(2024, office=office)
        learning = Area.objects.get(name="Læring")
        rendered = {
            "2024": _render("2024", report_statistics(period=year, today=TODAY)),
            "one area": _render(
                "one area", report_statistics(period=year, area=learning, today=TODAY)
            ),
        }
        office.report_period_start_month = 4
        office.save()
        april = report_period_for_year(2024, office=office)
        assert april.label == "2024/25"
        rendered["2024/25"] = _render("2024/25", report_statistics(period=april, today=TODAY))
    return rendered


NAMES = ("2024", "one area", "2024/25")


def _structure(pdf: pikepdf.Pdf) -> tuple[set[str], list[pikepdf.Dictionary]]:
    """Every tag of the structure tree, and the elements themselves."""
    tags: set[str] = set()
    elements: list[pikepdf.Dictionary] = []
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if "/S" in node:
            tags.add(str(node.S)[1:])
            elements.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
    return tags, elements


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_is_tagged_with_title_language_and_structure(reports, name):
    report = reports[name]
    with pikepdf.open(io.BytesIO(report.pdf)) as pdf:
        assert pdf.Root.Lang == "da"
        assert pdf.Root.MarkInfo.Marked
        assert pdf.Root.ViewerPreferences.DisplayDocTitle
        assert str(pdf.docinfo.Title).startswith(report.title)
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
            assert xmp.get("dc:title") and report.title in str(xmp.get("dc:title"))
        tags, elements = _structure(pdf)
        missing = REQUIRED_TAGS - tags
        assert not missing, f"{name}: the structure tree lacks {sorted(missing)}"
        figures = [e for e in elements if e.S == "/Figure"]
        assert len(figures) >= report.charts > 0
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures), "a chart lacks alt"
        # Every data cell names its header cells (the table's <th scope>).
        cells = [e for e in elements if e.S == "/TD"]
        assert cells and all(len(cell.A.Headers) for cell in cells)
        # A bookmark per chapter, with the chapter's heading.
        with pdf.open_outline() as outline:
            titles = []
            stack = list(outline.root)
            while stack:
                item = stack.pop()
                titles.append(item.title)
                stack.extend(item.children)
        assert set(report.chapters) <= set(titles)


@pytest.mark.parametrize("name", NAMES)
def test_no_page_is_left_nearly_empty_before_a_chapter(reports, name, tmp_path):
    report = reports[name]
    path = tmp_path / "report.pdf"
    path.write_bytes(report.pdf)
    assert not nearly_empty_pages(path, report.chapters), name
