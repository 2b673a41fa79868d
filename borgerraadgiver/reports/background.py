"""The report's slow formats (PDF, Word) made in the background for the user who asks: the
annual report's document (advisors) and the statistics page's figures (advisors and readers)."""

import datetime

from django.core.exceptions import PermissionDenied

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import can_read_statistics
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.services import job_start
from borgerraadgiver.report_content.permissions import can_write_report
from borgerraadgiver.reports.tasks import report_document_task

# Rendered in the background; HTML is quick and stays in the request, and a published
# edition's kept file is sent at once in every format.
BACKGROUND_FORMATS = ("docx", "pdf")


def report_document_start(
    *, user: User, year: int, fmt: str, draft: bool, language: str, now: datetime.datetime
) -> Job:
    """Start making the year's report (as it is now, or the draft of a corrected edition) in
    `fmt`. Advisors only. Side effects: a job and its task; the file is kept with the job."""
    if not can_write_report(user) or fmt not in BACKGROUND_FORMATS:
        raise PermissionDenied
    return job_start(
        owner=user,
        kind=Job.Kind.REPORT_DOCUMENT,
        parameters={"source": "year", "year": year, "fmt": fmt, "draft": draft},
        task=report_document_task,
        language=language,
        now=now,
    )


def statistics_document_start(
    *, user: User, query: str, fmt: str, language: str, now: datetime.datetime
) -> Job:
    """Start making the statistics page's figures (its selection, as `query`) as a PDF or Word
    document. Advisors and report readers, as the page. Side effects: a job and its task."""
    if not can_read_statistics(user) or fmt not in BACKGROUND_FORMATS:
        raise PermissionDenied
    return job_start(
        owner=user,
        kind=Job.Kind.REPORT_DOCUMENT,
        parameters={"source": "statistics", "query": query, "fmt": fmt},
        task=report_document_task,
        language=language,
        now=now,
    )
