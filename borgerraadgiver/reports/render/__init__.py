"""The annual report as HTML, PDF and DOCX, from the statistics the `reports` app computes.

`render(fmt, stats, *, template=None, content=None) -> bytes` is the one entry point (the
`report` command, the download views and publishing call it). It builds the `ReportDocument`
once (`document.report_document`: statistics, the report's words, the method appendix) and hands
it to one formatter per format; the formatters compute nothing. `content` is a publication's
frozen words; without it the period's texts and approved examples are read as they are now.
"""

from pathlib import Path

from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render.builder import Draw, ReportContent
from borgerraadgiver.reports.render.document import report_document
from borgerraadgiver.reports.render.model import ReportDocument

FORMATS = ("html", "docx", "pdf")


class RenderError(ValueError):
    """The document cannot be rendered as asked: an unknown format or an unusable template."""


def _drawer(stats: ReportStatistics, fmt: str) -> Draw:
    """Draws the charts a chapter asks for, from the statistics app's charts: HTML and PDF take
    the SVG (sharp, text as text), Word the PNG; only the one needed is drawn."""
    from borgerraadgiver.reports import charts  # noqa: PLC0415 - matplotlib loads when a chart is drawn

    def draw(kind: str) -> tuple[bytes, bytes]:
        chart = charts.chart_for(kind, stats)
        if fmt == "docx":
            return b"", charts.chart_png(chart)
        return charts.chart_svg(chart), b""

    return draw


def render_document(fmt: str, document: ReportDocument, *, template: Path | None = None) -> bytes:
    if fmt == "html":
        from borgerraadgiver.reports.render.html import render_html  # noqa: PLC0415 - each format loads its library when used

        return render_html(document).encode()
    if fmt == "pdf":
        from borgerraadgiver.reports.render.pdf import render_pdf  # noqa: PLC0415 - each format loads its library when used

        return render_pdf(document)
    if fmt == "docx":
        from borgerraadgiver.reports.render.docx import render_docx  # noqa: PLC0415 - each format loads its library when used

        return render_docx(document, template=template)
    raise RenderError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")


def render(
    fmt: str,
    stats: ReportStatistics,
    *,
    template: Path | None = None,
    content: ReportContent | None = None,
) -> bytes:
    """The report for `stats` in `fmt` ("html", "docx" or "pdf"); `template` is a Word file
    whose styles, letterhead and headers the DOCX keeps (ignored for the other formats)."""
    if fmt not in FORMATS:
        raise RenderError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    document = report_document(stats, content=content, draw=_drawer(stats, fmt))
    return render_document(fmt, document, template=Path(template) if template else None)
