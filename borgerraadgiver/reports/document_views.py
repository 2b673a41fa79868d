"""The annual report as a document (HTML, Word, PDF), from the report workspace and the
statistics page's list of published reports."""

import base64
import hashlib

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import timezone

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.report_content.permissions import can_download_report, can_write_report
from borgerraadgiver.reports.formats import CONTENT_TYPES
from borgerraadgiver.reports.selectors import report_document_for_year

DOCUMENT_FORMATS = ("html", "docx", "pdf")


def document_download(request: AuthedRequest, year: int, fmt: str) -> HttpResponse:
    """The report as HTML, DOCX or PDF. Advisors get the live figures; report readers only
    a published (frozen) report. Every download is logged as an export."""
    if not can_download_report(request.user):
        raise PermissionDenied
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    published_only = not can_write_report(request.user)
    try:
        content = report_document_for_year(
            year=year, fmt=fmt, today=timezone.localdate(), published_only=published_only
        )
    except LookupError:
        raise Http404 from None
    access_log_write(
        user=request.user,
        event=AccessEvent.PUBLISHED_REPORT_DOWNLOADED
        if published_only
        else AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        now=timezone.now(),
        detail=f"{year} ({fmt})",
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    filename = f"beretning-{year}.{fmt}"
    preview = fmt == "html" and request.GET.get("preview") == "1"
    disposition = "inline" if preview else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if fmt == "html":
        # The standalone document carries its own stylesheet: allow exactly that one.
        response._csp_update = {"style-src": _style_hashes(content)}  # type: ignore[attr-defined]
    return response


def _style_hashes(html: bytes) -> list[str]:
    text = html.decode()
    hashes = []
    start = 0
    while (opening := text.find("<style>", start)) != -1:
        closing = text.find("</style>", opening)
        css = text[opening + len("<style>") : closing]
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
        start = closing
    return hashes
