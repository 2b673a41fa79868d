"""A job: run once, failed with a message the user can act on, its progress, seen only by its
owner, and deleted with its files after the keeping time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.jobs import files
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress, progress_read
from borgerraadgiver.jobs.runner import JobRefused, job_run
from borgerraadgiver.jobs.selectors import job_state
from borgerraadgiver.jobs.services import jobs_prune
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.django_db


def waiting_job(owner=None, **fields) -> Job:
    fields.setdefault("created_at", timezone.now() - datetime.timedelta(hours=1))
    return Job.objects.create(
        owner=owner or AdministratorFactory(), kind=Job.Kind.IMPORT_CHECK, language="en", **fields
    )


def test_a_job_runs_once_and_keeps_its_result():
    job = waiting_job()
    calls = []

    def work(job, progress):
        calls.append(job.pk)
        return {"rows": 3}

    assert job_run(str(job.pk), work) == "done"
    # The same task run again (a worker restarted after claiming it) does nothing.
    assert job_run(str(job.pk), work) == "done"
    job.refresh_from_db()
    assert (calls, job.result, job.failure) == ([job.pk], {"rows": 3}, "")
    assert job.started_at <= job.finished_at


def test_an_error_in_the_work_fails_the_job_with_a_message_and_no_traceback(caplog):
    job = waiting_job()

    def work(job, progress):
        raise RuntimeError("secret detail 0101901234")

    assert job_run(str(job.pk), work) == "failed"
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Nothing was changed" in job.failure
    assert "0101901234" not in job.failure
    assert any(record.exc_info for record in caplog.records)


def test_a_refusal_gives_its_own_message():
    job = waiting_job()

    def work(job, progress):
        raise JobRefused("The uploaded file is no longer there.")

    job_run(str(job.pk), work)
    job.refresh_from_db()
    assert job.failure == "The uploaded file is no longer there."


def test_progress_is_written_while_the_work_runs_and_removed_after():
    job = waiting_job()
    seen = []

    def work(job, progress):
        progress.phase("checking", 200)
        progress.advance(50)
        seen.append(progress_read(job.pk))
        progress.advance(50)
        return {}

    job_run(str(job.pk), work)
    [state] = seen
    assert (state.phase, state.done, state.total, state.percent) == ("checking", 0, 200, 0)
    assert progress_read(job.pk) is None


def test_progress_is_written_at_most_every_interval():
    ticks = iter([0.0, 0.1, 0.2, 0.7, 0.8])
    progress = JobProgress("p-1", interval=0.5, clock=lambda: next(ticks))
    progress.phase("writing", 10)  # written at 0.0
    progress.advance(1)  # 0.1: not yet
    progress.advance(1)  # 0.2: not yet
    progress.advance(1)  # 0.7: written
    state = progress_read("p-1")
    assert (state.done, state.total, state.percent) == (3, 10, 30)


def test_a_running_job_without_a_sign_of_life_is_stalled(settings):
    settings.JOBS_STALLED_MINUTES = 15
    started = timezone.now() - datetime.timedelta(minutes=16)
    job = waiting_job(status=Job.Status.RUNNING, started_at=started)
    assert job_state(job, now=timezone.now()).stalled
    assert not job_state(job, now=started + datetime.timedelta(minutes=5)).stalled


def test_only_the_owner_sees_the_status(administrator_client, administrator, advisor_client):
    job = waiting_job(owner=administrator)
    url = reverse("jobs:status", args=[job.pk])
    assert administrator_client.get(url).json()["status"] == "waiting"
    assert advisor_client.get(url).status_code == 404


def test_old_finished_jobs_are_deleted_with_their_files():
    now = timezone.now()
    old = waiting_job(status=Job.Status.DONE, finished_at=now)
    files.job_file_write(old, b"%PDF-1.7")
    running = waiting_job(status=Job.Status.RUNNING)
    assert jobs_prune(older_than=now + datetime.timedelta(seconds=1)) == 1
    assert list(Job.objects.all()) == [running]
    assert not files.job_file_path(old).exists()


def test_a_stalled_job_s_page_says_so_and_is_not_polled(
    administrator_client, administrator, settings
):
    settings.JOBS_STALLED_MINUTES = 15
    started = timezone.now() - datetime.timedelta(minutes=30)
    stalled = waiting_job(owner=administrator, status=Job.Status.RUNNING, started_at=started)
    page = administrator_client.get(reverse("imports:job", args=[stalled.pk]))
    assert page.context["state"].stalled
    assert b'role="alert"' in page.content
    assert b"data-job-status-url" not in page.content
