"""Is the app able to serve: the database answers and every migration is applied."""

import functools
import time
from dataclasses import dataclass

from django.db import DatabaseError, connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from borgerraadgiver.operations.task_queue import queue_in_database, queue_state


@dataclass(frozen=True)
class Health:
    database: str  # "ok" or "unavailable"
    migrations: str  # "ok", "pending" or "unknown"
    duration_ms: float
    # "ok"; "stalled": a task has waited too long for a worker (the app still serves, so the
    # status stays 200: monitoring should alert on it); "none": no queue in the database.
    tasks: str = "none"

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.migrations == "ok"


@functools.cache
def _expected_migrations() -> frozenset[tuple[str, str]]:
    """The latest migration of every app, read from disk once per process."""
    return frozenset(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


# Once this process has seen every migration applied it need not look again: migrations are
# applied before a new version's processes start, and never taken back under a running one.
_migrated: list[bool] = []


# The last good answer of this process, and when it was found (time.monotonic()). A load
# balancer or monitor asking many times a second is given it for HEALTH_CACHE_SECONDS without
# a query; a failed check is never kept, so recovery and failure both show at once.
_last_good: list[tuple[float, Health]] = []


def health_recent(*, max_age: float) -> Health:
    """The last good result if it is under `max_age` seconds old, else a new check."""
    now = time.monotonic()
    if _last_good and now - _last_good[0][0] < max_age:
        return _last_good[0][1]
    result = health_check()
    if result.ok and max_age > 0:
        _last_good[:] = [(now, result)]
    return result


def health_check() -> Health:
    """One trivial query and, until they are all found applied, one read of the applied
    migrations' names; once migrated, one count of the tasks waiting too long. No personal
    data."""
    started = time.perf_counter()
    database, migrations, tasks = "ok", "unknown", "none"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
            if not _migrated:
                cursor.execute("SELECT app, name FROM django_migrations")
                applied = {(app, name) for app, name in cursor.fetchall()}
                if _expected_migrations() <= applied:
                    _migrated.append(True)
        migrations = "ok" if _migrated else "pending"
        if _migrated and queue_in_database():
            tasks = "stalled" if queue_state(now=timezone.now()).stalled else "ok"
    except DatabaseError:
        database = "unavailable"
    return Health(
        database=database,
        migrations=migrations,
        duration_ms=round((time.perf_counter() - started) * 1000, 1),
        tasks=tasks,
    )
