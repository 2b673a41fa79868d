"""The report as one standalone, accessible HTML file: no external resources; the charts are
images in the file (data URIs) with their numbers in a table beside them."""

import base64
import json

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from borgerraadgiver.reports.render.builder import page_of
from borgerraadgiver.reports.render.model import Bullets, Figure, Node, ReportDocument, Table


def _data_uri(content: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def _css_string(text: str) -> str:
    """A CSS string literal (JSON's quoting is valid CSS)."""
    return mark_safe(json.dumps(text, ensure_ascii=False))  # noqa: S308 - quoted by json.dumps


def _nodes(document: ReportDocument) -> list[tuple[Node, bool]]:
    """Each node, and whether it is a paragraph that introduces the list, table or figure after
    it (printed on the same page as what it introduces)."""
    nodes = document.nodes
    return [
        (node, index + 1 < len(nodes) and isinstance(nodes[index + 1], Bullets | Table | Figure))
        for index, node in enumerate(nodes)
    ]


def render_html(document: ReportDocument, *, for_print: bool = False) -> str:
    images = {
        node.number: _data_uri(node.svg, "image/svg+xml")
        if node.svg
        else (_data_uri(node.png, "image/png") if node.png else "")
        for node in document.nodes
        if isinstance(node, Figure)
    }
    with translation.override(document.language):
        before, between, after = page_of()
        css = render_to_string(
            "reports/document.css",
            {
                "page_before": _css_string(before),
                "page_between": _css_string(between),
                "page_after": _css_string(after),
            },
        )
        return render_to_string(
            "reports/document.html",
            {
                "doc": document,
                "nodes": _nodes(document),
                "images": images,
                "css": css,
                "for_print": for_print,
            },
        )
