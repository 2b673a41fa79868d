"""A job as its owner's page shows it: status, progress, and whether it seems stuck."""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404

from borgerraadgiver.accounts.models import User
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.permissions import can_see_job
from borgerraadgiver.jobs.progress import ProgressState, progress_read


def job_get(*, user: User, pk: uuid.UUID | str, kinds: tuple[str, ...]) -> Job:
    """The user's own job of one of `kinds`; anyone else's, or none, raises Http404, so that
    the page does not reveal that it exists. One query."""
    job = Job.objects.filter(pk=pk, kind__in=kinds).first()
    if job is None or not can_see_job(user, job.owner_id):
        raise Http404
    return job


@dataclass(frozen=True)
class JobState:
    job: Job
    progress: ProgressState | None
    # Waiting longer than a worker takes to start it: no worker may be running.
    waiting_long: bool
    # Running without a sign of life for a long time: the worker stopped under it.
    stalled: bool


def job_state(job: Job, *, now: datetime.datetime) -> JobState:
    """What the page says about a job that is not finished (no query)."""
    current = progress_read(job.id) if job.status == Job.Status.RUNNING else None
    limit = datetime.timedelta(minutes=settings.JOBS_STALLED_MINUTES)
    waiting_long = job.status == Job.Status.WAITING and now - job.created_at > datetime.timedelta(
        minutes=1
    )
    last_sign = job.started_at
    if current is not None:
        last_sign = datetime.datetime.fromtimestamp(current.updated_at, tz=datetime.UTC)
    stalled = job.status == Job.Status.RUNNING and last_sign is not None and now - last_sign > limit
    return JobState(job=job, progress=current, waiting_long=waiting_long, stalled=stalled)
