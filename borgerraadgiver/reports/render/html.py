"""The report as one standalone, accessible HTML file: no external resources; the charts are
images in the file (data URIs) with their numbers in a table beside them."""

import base64

from django.template.loader import render_to_string
from django.utils import translation

from borgerraadgiver.reports.render.model import Figure, ReportDocument


def _data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def render_html(document: ReportDocument, *, for_print: bool = False) -> str:
    images = {
        node.number: _data_uri(node.svg, "image/svg+xml")
        if node.svg
        else (_data_uri(node.png, "image/png") if node.png else "")
        for node in document.nodes
        if isinstance(node, Figure)
    }
    with translation.override(document.language):
        return render_to_string(
            "reports/document.html",
            {
                "doc": document,
                "images": images,
                "css": render_to_string("reports/document.css"),
                "for_print": for_print,
            },
        )
