"""The report as PDF: WeasyPrint from the same HTML, with the stylesheet's print rules (A4,
"Side x af y", a running header, a table of contents with page numbers). Only local fonts.

A tagged PDF/UA-1 file: the structure tree follows the HTML (headings, lists, tables with their
header cells, the charts as figures with their alternative text, captions), with the document's
title and language (`<title>`, `<html lang>`), and a bookmark per heading."""

import logging

from borgerraadgiver.reports.render.html import render_html
from borgerraadgiver.reports.render.model import ReportDocument

# WeasyPrint logs every layout step at INFO; a report render is one line in the request log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_pdf(document: ReportDocument) -> bytes:
    # WeasyPrint loads when a PDF is made, not when the app starts (half a second).
    from weasyprint import HTML  # noqa: PLC0415 - see above

    html = render_html(document, for_print=True)
    # No base URL: the document holds everything it shows and fetches nothing.
    pdf: bytes = HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf
