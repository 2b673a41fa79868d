"""The web import's two tasks on the queue: check the uploaded file, then import it.

Each runs `import_run`, the same as the commands (which stay synchronous), with a progress that
the page reads; the job keeps the result, every row error included. All or nothing as before:
a file with one error imports nothing.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from borgerraadgiver.imports import uploads
from borgerraadgiver.imports.services import import_run
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress
from borgerraadgiver.jobs.runner import JobRefused, job_run

FILE_GONE = _("The uploaded file is no longer there (it is kept for a day). Upload it again.")


@task()
def import_check_task(job_id: str) -> str:
    return job_run(job_id, _check)


@task()
def import_write_task(job_id: str) -> str:
    return job_run(job_id, _write)


def _run(job: Job, progress: JobProgress, *, dry_run: bool) -> dict[str, Any]:
    parameters = job.parameters
    path = uploads.upload_path(user=job.owner, token=str(parameters["token"]))
    if path is None:
        raise JobRefused(str(FILE_GONE))
    with path.open("rb") as file:
        result = import_run(
            kind=str(parameters["kind"]),
            file=file,
            file_name=str(parameters["name"]),
            user=job.owner,
            now=timezone.now(),
            dry_run=dry_run,
            replace=bool(parameters["replace"]),
            progress=progress,
        )
    if result.errors or not dry_run:
        uploads.upload_discard(user=job.owner, token=str(parameters["token"]))
    return result.as_json()


def _check(job: Job, progress: JobProgress) -> dict[str, Any]:
    return _run(job, progress, dry_run=True)


def _write(job: Job, progress: JobProgress) -> dict[str, Any]:
    return _run(job, progress, dry_run=False)
