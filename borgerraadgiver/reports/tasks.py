"""The annual report as PDF or Word, made on the task queue: seconds to a minute of rendering
that no request should wait for. The file is kept with the job, for the advisor who asked."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from borgerraadgiver.jobs.files import job_file_write
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress
from borgerraadgiver.jobs.runner import JobRefused, job_run
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content.permissions import can_write_report
from borgerraadgiver.reports.selectors import report_document_for_year

NO_LONGER_ALLOWED = _("You may no longer make the report's documents.")


@task()
def report_document_task(job_id: str) -> str:
    return job_run(job_id, _make)


def _make(job: Job, progress: JobProgress) -> dict[str, Any]:
    if not can_write_report(job.owner):
        raise JobRefused(str(NO_LONGER_ALLOWED))
    year, fmt = int(job.parameters["year"]), str(job.parameters["fmt"])
    document = report_document_for_year(
        year=year,
        fmt=fmt,
        today=timezone.localdate(),
        published_only=False,
        draft=bool(job.parameters["draft"]),
    )
    slug = report_period_for_year(year, office=Office.load()).slug
    return {
        "size": job_file_write(job, document.content),
        "filename": f"beretning-{slug}.{fmt}",
        "edition": document.published.edition if document.published else None,
    }
