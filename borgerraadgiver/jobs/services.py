"""Start a job and put its task on the queue; continue one job with the next; prune old ones.

The job row and its task are written in one transaction: the worker never sees a task without
its job, and a failed start leaves neither. With the immediate backend (the tests,
TASKS_BACKEND=…ImmediateBackend) the task runs inside `job_start`, before it returns.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_tasks.base import Task

from borgerraadgiver.accounts.models import User
from borgerraadgiver.jobs import files, progress
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.permissions import can_see_job, can_start_job

ALREADY_CONTINUED = _("This has already been done. The page shows how it went.")
NOT_DONE = _("The work is not done yet, or it failed.")


def job_start(
    *,
    owner: User,
    kind: str,
    parameters: dict[str, Any],
    task: Task,
    language: str,
    now: datetime.datetime,
) -> Job:
    """Record a job for `owner` and enqueue `task` with the job's id.

    Refuses a user without a role (the caller checked the kind's own permission). Side effects:
    a Job row, a queued task.
    """
    if not can_start_job(owner):
        raise PermissionDenied
    with transaction.atomic():
        job = _create(owner=owner, kind=kind, parameters=parameters, language=language, now=now)
        _enqueue(job, task)
    job.refresh_from_db()
    return job


def job_continue(
    *,
    previous: Job,
    owner: User,
    kind: str,
    parameters: dict[str, Any],
    task: Task,
    language: str,
    now: datetime.datetime,
) -> Job:
    """Start the job that follows `previous` (an import after its check), once: a second click
    or another tab finds it continued and raises ValidationError (ALREADY_CONTINUED).

    Only the owner of `previous` may continue it, and only when it is done.
    """
    if not can_start_job(owner) or not can_see_job(owner, previous.owner_id):
        raise PermissionDenied
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=previous.pk)
        if locked.next_job_id is not None:
            raise ValidationError(ALREADY_CONTINUED, code="continued")
        if locked.status != Job.Status.DONE:
            raise ValidationError(NOT_DONE, code="not_done")
        job = _create(owner=owner, kind=kind, parameters=parameters, language=language, now=now)
        Job.objects.filter(pk=locked.pk).update(next_job=job)
        _enqueue(job, task)
    job.refresh_from_db()
    return job


def jobs_prune(*, older_than: datetime.datetime) -> int:
    """Delete the finished jobs finished before `older_than`, with their files; return how
    many. A job's result may hold personal data (an import's row errors quote the file)."""
    old = list(Job.objects.filter(finished_at__lt=older_than).only("id", "status", "finished_at"))
    for job in old:
        files.job_file_delete(job)
        progress.progress_clear(job.id)
    Job.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)


def _create(
    *, owner: User, kind: str, parameters: dict[str, Any], language: str, now: datetime.datetime
) -> Job:
    job = Job(owner=owner, kind=kind, parameters=parameters, language=language[:10], created_at=now)
    job.full_clean()
    job.save(force_insert=True)
    return job


def _enqueue(job: Job, task: Task) -> None:
    result = task.enqueue(str(job.id))
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
