"""The annual report as a document (HTML, Word, PDF), from the report workspace and the
statistics page's list of published reports; a period's editions, and publishing a corrected
edition."""

import base64
import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import ReportPeriod, report_period_for_year
from borgerraadgiver.report_content.permissions import can_download_report, can_write_report
from borgerraadgiver.reports.background import BACKGROUND_FORMATS, report_document_start
from borgerraadgiver.reports.formats import CONTENT_TYPES
from borgerraadgiver.reports.forms import CorrectionForm
from borgerraadgiver.reports.models import PublishedReport
from borgerraadgiver.reports.permissions import can_publish_report
from borgerraadgiver.reports.selectors import (
    published_document,
    report_document_for_year,
    report_document_must_render,
    report_edition_get,
    report_editions,
)
from borgerraadgiver.reports.services import report_publish_correction

DOCUMENT_FORMATS = ("html", "docx", "pdf")


def _file_response(request: AuthedRequest, content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    preview = fmt == "html" and request.GET.get("preview") == "1"
    disposition = "inline" if preview else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if fmt == "html":
        # The standalone document carries its own stylesheet: allow exactly that one.
        response._csp_update = {"style-src": _style_hashes(content)}  # type: ignore[attr-defined]
    return response


@require_GET
def document_download(request: AuthedRequest, year: int, fmt: str) -> HttpResponse:
    """The report as HTML, DOCX or PDF: the edition in force, byte for byte, once published
    (advisors may ask for the draft of a corrected edition with `?draft=1`); before that the
    live report, for advisors only, made in the background as PDF or Word (the job's page
    offers the file when it is ready, `job_views.py`). Every download is logged as an export."""
    if not can_download_report(request.user):
        raise PermissionDenied
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    published_only = not can_write_report(request.user)
    draft = not published_only and request.GET.get("draft") == "1"
    if (
        not published_only
        and fmt in BACKGROUND_FORMATS
        and report_document_must_render(year=year, draft=draft)
    ):
        # PDF and Word take seconds to a minute: made in the background, downloaded when ready.
        job = report_document_start(
            user=request.user,
            year=year,
            fmt=fmt,
            draft=draft,
            language=translation.get_language(),
            now=timezone.now(),
        )
        return redirect("report_document:job", pk=job.pk)
    try:
        document = report_document_for_year(
            year=year,
            fmt=fmt,
            today=timezone.localdate(),
            published_only=published_only,
            draft=draft,
        )
    except LookupError:
        raise Http404 from None
    published = document.published
    access_log_write(
        user=request.user,
        event=AccessEvent.PUBLISHED_REPORT_DOWNLOADED
        if published
        else AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        now=timezone.now(),
        detail=f"{year} ({fmt})" + (f", edition {published.edition}" if published else ""),
    )
    slug = report_period_for_year(year, office=Office.load()).slug
    return _file_response(request, document.content, fmt, f"beretning-{slug}.{fmt}")


@require_GET
def edition_download(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    """One published edition, byte for byte as it was published, also after a corrected
    edition replaced it (a withdrawn one for advisors only)."""
    if not can_download_report(request.user):
        raise PermissionDenied
    if fmt not in DOCUMENT_FORMATS:
        raise Http404
    try:
        report = report_edition_get(pk=pk, include_withdrawn=can_write_report(request.user))
    except PublishedReport.DoesNotExist:
        raise Http404 from None
    content = published_document(report, fmt)
    access_log_write(
        user=request.user,
        event=AccessEvent.PUBLISHED_REPORT_DOWNLOADED,
        now=timezone.now(),
        detail=f"{report} ({fmt}), edition {report.edition}",
    )
    period = ReportPeriod(report.period_start, report.period_end)
    name = f"beretning-{period.slug}-udgave-{report.edition}.{fmt}"
    return _file_response(request, content, fmt, name)


@require_http_methods(["GET", "POST"])
def editions(request: AuthedRequest, year: int) -> HttpResponse:
    """The report year's editions with their files, what changed since the edition in force,
    and (POST) publishing the corrected edition. Advisors only."""
    if not can_publish_report(request.user):
        raise PermissionDenied
    period = report_period_for_year(year, office=Office.load())
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = report_publish_correction(
                user=request.user, period=period, now=timezone.now(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Edition %(edition)d of the report for %(period)s is published.")
                % {"edition": report.edition, "period": period.label},
            )
            return redirect("report_document:editions", year=year)
    return render(
        request,
        "reports/editions.html",
        {
            "year": year,
            "period": period,
            "space": report_editions(period=period, now=timezone.now()),
            "form": form,
            "formats": DOCUMENT_FORMATS,
        },
        status=400 if form.errors else 200,
    )


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
