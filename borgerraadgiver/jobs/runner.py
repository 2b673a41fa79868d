"""Runs a job's work inside its task: marks it running, then done with its result or failed.

A task calls `job_run(job_id, work)`; `work(job, progress)` does the work and returns the
result to keep (JSON). A task run twice (a worker restarted after it claimed the task) finds
its job no longer waiting and does nothing. An error in the work marks the job failed with a
message the user can act on; the error itself goes to the log, not to the page. Like a view
or a command, this is where the work begins, so it reads the clock for the times it records.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress, progress_clear

logger = logging.getLogger("borgerraadgiver.jobs")

Work = Callable[[Job, JobProgress], dict[str, Any]]


class JobRefused(Exception):
    """The work found something the user must fix (a file gone); the message says what."""


def job_run(job_id: str, work: Work) -> str:
    """Run `work` for the waiting job `job_id`; return the job's final status."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Job.Status.WAITING:
            return job.status if job is not None else "missing"
        job.status, job.started_at = Job.Status.RUNNING, timezone.now()
        job.save(update_fields=["status", "started_at"])
    progress = JobProgress(job.id)
    with translation.override(job.language or None):
        try:
            result = work(job, progress)
        except JobRefused as refused:
            _finish(job, status=Job.Status.FAILED, failure=str(refused))
        except Exception:
            logger.exception(
                "job failed",
                extra={"event": {"event": "task", "job": job.kind, "outcome": "failed"}},
            )
            _finish(
                job,
                status=Job.Status.FAILED,
                failure=gettext(
                    "The work stopped because of an error in the system. Nothing was changed. "
                    "Try again; if it fails again, tell the IT department the time it happened."
                ),
            )
        else:
            _finish(job, status=Job.Status.DONE, result=result)
    progress_clear(job.id)
    return job.status


def _finish(
    job: Job, *, status: str, result: dict[str, Any] | None = None, failure: str = ""
) -> None:
    job.status, job.failure, job.finished_at = status, failure, timezone.now()
    job.result = result or {}
    job.save(update_fields=["status", "failure", "finished_at", "result"])
