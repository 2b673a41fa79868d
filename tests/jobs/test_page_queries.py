"""The job pages run a fixed number of queries, however long the file or the result."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.imports.checks import RowError
from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.jobs.files import job_file_write
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress

pytestmark = pytest.mark.django_db

# The login (the session), the page's frame (with the lists' token: the office in its header, who
# manages a department, the user and its second factor, and on the advisor's report page the
# menu's count of web-form submissions waiting, are kept by the process after a first page,
# organisation.kept), and the job itself: the result is the job's own JSON, so a check with 500
# row errors costs no more than one with 1.
PROGRESS_QUERIES = 3
CHECK_QUERIES = 3
REPORT_READY_QUERIES = 3
STATUS_QUERIES = 3


def job(owner, **fields) -> Job:
    fields.setdefault("status", Job.Status.RUNNING)
    return Job.objects.create(
        owner=owner,
        language="da",
        created_at=timezone.now() - datetime.timedelta(minutes=1),
        started_at=timezone.now(),
        **fields,
    )


@pytest.mark.parametrize("errors", [1, 500])
def test_the_check_s_page_runs_a_fixed_number_of_queries(
    administrator_client, administrator, django_assert_num_queries, errors
):
    result = ImportResult(
        kind="reasons",
        file_name="aarsager.csv",
        dry_run=True,
        rows=errors,
        errors=[RowError(row + 2, "name", "Tom") for row in range(errors)],
    )
    done = job(
        administrator,
        kind=Job.Kind.IMPORT_CHECK,
        status=Job.Status.DONE,
        result=result.as_json(),
        finished_at=timezone.now(),
    )
    administrator_client.get(reverse("imports:job", args=[done.pk]))  # the office kept
    with django_assert_num_queries(CHECK_QUERIES):
        response = administrator_client.get(reverse("imports:job", args=[done.pk]))
    assert len(response.context["errors"]) == min(errors, 200)


def test_the_progress_page_and_status_run_a_fixed_number_of_queries(
    administrator_client, administrator, django_assert_num_queries
):
    running = job(administrator, kind=Job.Kind.IMPORT)
    JobProgress(running.pk).phase("skriver", 100)
    administrator_client.get(reverse("imports:job", args=[running.pk]))  # the office kept
    with django_assert_num_queries(PROGRESS_QUERIES):
        page = administrator_client.get(reverse("imports:job", args=[running.pk]))
    assert b'<progress id="job-progress-bar" max="100" value="0"' in page.content
    with django_assert_num_queries(STATUS_QUERIES):
        status = administrator_client.get(reverse("jobs:status", args=[running.pk])).json()
    assert (status["phase"], status["total"]) == ("skriver", 100)


def test_the_ready_report_s_page_runs_a_fixed_number_of_queries(
    advisor_client, advisor, django_assert_num_queries
):
    ready = job(
        advisor,
        kind=Job.Kind.REPORT_DOCUMENT,
        status=Job.Status.DONE,
        parameters={"year": 2024, "fmt": "pdf", "draft": False},
        result={"filename": "beretning-2024.pdf", "size": 8},
        finished_at=timezone.now(),
    )
    job_file_write(ready, b"%PDF-1.7")
    advisor_client.get(reverse("report_document:job", args=[ready.pk]))  # the office kept
    with django_assert_num_queries(REPORT_READY_QUERIES):
        advisor_client.get(reverse("report_document:job", args=[ready.pk]))
