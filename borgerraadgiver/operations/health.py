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
