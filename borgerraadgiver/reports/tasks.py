"""The annual report (or the statistics page's figures) as PDF or Word, made on the task queue:
seconds to a minute of rendering that no request should wait for. The file is kept with the
job, for the user who asked."""

from typing import Any

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from borgerraadgiver.accounts.permissions import can_read_statistics
from borgerraadgiver.jobs.files import job_file_write
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress
from borgerraadgiver.jobs.runner import JobRefused, job_run
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content.permissions import can_write_report
from borgerraadgiver.reports.disclosure import rule_for, statistics_shown
from borgerraadgiver.reports.formats import FormatError, filename
from borgerraadgiver.reports.forms import StatisticsFilterForm
from borgerraadgiver.reports.selectors import (
    ReportFigures,
    figures_file,
    report_document_for_year,
    report_figures,
    report_years,
)

NO_LONGER_ALLOWED = _("You may no longer make the report's documents.")


@task()
def report_document_task(job_id: str) -> str:
    return job_run(job_id, _make)


def _make(job: Job, progress: JobProgress) -> dict[str, Any]:
    if job.parameters.get("source") == "statistics":
        return _statistics(job)
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


def _statistics(job: Job) -> dict[str, Any]:
    """The statistics page's selection (its query string) as a document, as its download was."""
    if not can_read_statistics(job.owner):
        raise JobRefused(str(NO_LONGER_ALLOWED))
    fmt = str(job.parameters["fmt"])
    office, today = Office.load(), timezone.localdate()
    years = report_years(office=office, today=today)
    form = StatisticsFilterForm(
        QueryDict(str(job.parameters["query"])),
        office=office,
        years=years.years,
        opening=years.opening,
    )
    selection = form.selection()
    figures = report_figures(
        period=selection.period,
        area=selection.area,
        department=selection.department,
        today=today,
        published=False if selection.live else None,
    )
    # As the page shows them: small counts hidden for anyone who is not an advisor.
    figures = ReportFigures(statistics_shown(figures.stats, rule_for(job.owner)), figures.published)
    try:
        content = figures_file(figures, fmt)
    except FormatError as error:
        raise JobRefused(str(error)) from error
    return {"size": job_file_write(job, content), "filename": filename(figures.stats, fmt)}
