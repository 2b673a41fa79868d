"""The report document made in the background: its page while it is made, then the download.

Only the advisor who asked sees either (404 for anyone else); the download is logged as the
report's download always was (`REPORT_DOCUMENT_DOWNLOADED`).
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.jobs.files import job_file_read
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.selectors import job_get, job_state
from borgerraadgiver.report_content.permissions import can_write_report
from borgerraadgiver.reports.document_views import _file_response

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)"}


def _job(request: AuthedRequest, pk: uuid.UUID) -> Job:
    if not can_write_report(request.user):
        raise PermissionDenied
    return job_get(user=request.user, pk=pk, kinds=(Job.Kind.REPORT_DOCUMENT,))


@require_GET
def document_job(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    job = _job(request, pk)
    year = job.parameters["year"]
    heading = _("The report for %(year)s as %(format)s") % {
        "year": year,
        "format": FORMAT_NAMES.get(job.parameters["fmt"], job.parameters["fmt"]),
    }
    if not job.is_finished:
        return render(
            request,
            "jobs/progress.html",
            {
                "state": job_state(job, now=timezone.now()),
                "heading": heading,
                "running_text": _("The document is being made: a few seconds to a minute."),
                "back_url": reverse("report_content:workspace", args=[year]),
                "back_label": _("Back to the report"),
            },
        )
    return render(
        request,
        "reports/document_job.html",
        {"job": job, "heading": heading, "year": year},
    )


@require_GET
def document_job_download(request: AuthedRequest, pk: uuid.UUID) -> HttpResponse:
    job = _job(request, pk)
    content = job_file_read(job) if job.status == Job.Status.DONE else None
    if content is None:
        raise Http404
    fmt = str(job.parameters["fmt"])
    access_log_write(
        user=request.user,
        event=AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        now=timezone.now(),
        detail=f"{job.parameters['year']} ({fmt})",
    )
    return _file_response(request, content, fmt, str(job.result["filename"]))
