"""The task queue as operations sees it: is a worker taking the tasks, and old rows removed.

A task that has waited longer than JOBS_STALLED_MINUTES (counted from when it could first run)
means no worker is running, or all are busy far too long: `/health/` and `check --deploy` say
so. With another backend than the database one (the immediate backend runs tasks inside the
request) there is no queue to watch.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from borgerraadgiver.jobs.services import jobs_prune


def queue_in_database() -> bool:
    return isinstance(task_backends["default"], DatabaseBackend)


@dataclass(frozen=True)
class QueueState:
    stalled: int  # tasks waiting longer than the limit
    limit_minutes: int


def queue_state(*, now: datetime.datetime) -> QueueState:
    """How many tasks have waited too long for a worker. One query."""
    limit = settings.JOBS_STALLED_MINUTES
    before = now - datetime.timedelta(minutes=limit)
    stalled = (
        DBTaskResult.objects.filter(status="READY", enqueued_at__lt=before)
        .filter(Q(run_after=get_date_max()) | Q(run_after__lt=before))
        .count()
    )
    return QueueState(stalled=stalled, limit_minutes=limit)


def queue_prune(*, now: datetime.datetime) -> dict[str, int]:
    """Delete the jobs and the queue's tasks finished more than JOBS_KEEP_HOURS ago."""
    before = now - datetime.timedelta(hours=settings.JOBS_KEEP_HOURS)
    jobs = jobs_prune(older_than=before)
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=before).delete()
    return {"jobs": jobs, "tasks": tasks}
