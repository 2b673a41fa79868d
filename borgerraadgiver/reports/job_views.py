"""The report document made in the background: its page while it is made, then the download.

Only the user who asked sees either (404 for anyone else); the download is logged as the
download it replaces always was: the report's (`REPORT_DOCUMENT_DOWNLOADED`) or the statistics
page's (`STATISTICS_EXPORTED`).
"""

import uuid
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import can_read_statistics
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.jobs.files import job_file_read
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.selectors import job_get, job_state
from borgerraadgiver.report_content.permissions import can_write_report
from borgerraadgiver.reports.document_views import _file_response
from borgerraadgiver.reports.formats import CONTENT_TYPES

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)"}


def _job(request: AuthedRequest, pk: uuid.UUID) -> Job:
    """The user's own report job: the annual report's for advisors, the statistics page's for
    advisors and report readers (403 without the role, 404 for another user's job)."""
    if not can_read_statistics(request.user):
        raise PermissionDenied
    job = job_get(user=request.user, pk=pk, kinds=(Job.Kind.REPORT_DOCUMENT,))
    if not _from_statistics(job) and not can_write_report(request.user):
        raise PermissionDenied
    return job


def _from_statistics(job: Job) -> bool:
    return job.parameters.get("source") == "statistics"


def _page(job: Job) -> dict[str, str]:
    """The page's heading and the way back: the report's workspace or the statistics page."""
    fmt = FORMAT_NAMES.get(job.parameters["fmt"], job.parameters["fmt"])
    if _from_statistics(job):
        return {
            "heading": _("The statistics as %(format)s") % {"format": fmt},
            "back_url": f"{reverse('reports:statistics')}?{job.parameters['query']}",
            "back_label": _("Back to the statistics"),
        }
    year = job.parameters["year"]
    return {
        "heading": _("The report for %(year)s as %(format)s") % {"year": year, "format": fmt},
        "back_url": reverse("report_content:workspace", args=[year]),
        "back_label": _("Back to the report"),
    }


@require_GET
def document_job(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    job = _job(request, pk)
    page = _page(job)
    if not job.is_finished:
        return render(
            request,
            "jobs/progress.html",
            {
                "state": job_state(job, now=timezone.now()),
                "running_text": _("The document is being made: a few seconds to a minute."),
                **page,
            },
        )
    return render(request, "reports/document_job.html", {"job": job, **page})


@require_GET
def document_job_download(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    job = _job(request, pk)
    content = job_file_read(job) if job.status == Job.Status.DONE else None
    if content is None:
        raise Http404
    fmt, name = str(job.parameters["fmt"]), str(job.result["filename"])
    if _from_statistics(job):
        # Logged and named as the statistics page's own downloads.
        access_log_write(
            user=request.user,
            event=AccessEvent.STATISTICS_EXPORTED,
            now=timezone.now(),
            detail=name,
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response
    access_log_write(
        user=request.user,
        event=AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        now=timezone.now(),
        detail=f"{job.parameters['year']} ({fmt})",
    )
    return _file_response(request, content, fmt, name)
