"""How far a running job is: phase, rows done, rows in all, in a small file beside the job.

The work of a job runs in one transaction (an import writes all or nothing), so a progress
count written to the database would stay invisible to the page until the end. The worker
writes it instead to MEDIA_ROOT/jobs/progress/<job id>.json, replaced whole (write, then
rename) at most twice a second; the page reads it. It holds no personal data: a phase name and
two numbers.
"""

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / "progress"


def _path(job_id: object) -> Path:
    return _folder() / f"{job_id}.json"


@dataclass(frozen=True)
class ProgressState:
    phase: str
    done: int
    total: int
    updated_at: float  # seconds since the epoch

    @property
    def percent(self) -> int:
        """The share done, 0 to 100 (a phase of unknown length counts as not begun).

        >>> ProgressState("writing", 45, 100, 0.0).percent
        45
        >>> ProgressState("writing", 120, 100, 0.0).percent
        100
        >>> ProgressState("reading", 0, 0, 0.0).percent
        0
        """
        if self.total <= 0:
            return 0
        return min(100, self.done * 100 // self.total)


class JobProgress:
    """The import's Progress (phase, advance, done), written to the job's progress file."""

    def __init__(
        self, job_id: object, *, interval: float = 0.5, clock: Callable[[], float] = time.time
    ) -> None:
        self.job_id = job_id
        self.interval = interval
        self.clock = clock
        self.name = ""
        self.total = 0
        self.count = 0
        self.written = 0.0

    def phase(self, name: str, total: int) -> None:
        self.name, self.total, self.count = str(name), max(total, 0), 0
        self._write()

    def advance(self, count: int = 1) -> None:
        self.count += count
        if self.clock() - self.written >= self.interval:
            self._write()

    def done(self) -> None:
        if self.name:
            self.total = max(self.total, self.count)
            self._write()

    def _write(self) -> None:
        self.written = self.clock()
        folder = _folder()
        folder.mkdir(parents=True, exist_ok=True)
        state = {"phase": self.name, "done": self.count, "total": self.total, "at": self.written}
        temporary = folder / f".{self.job_id}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(state), encoding="utf-8")
        temporary.replace(_path(self.job_id))


def progress_read(job_id: object) -> ProgressState | None:
    """The last progress written for the job, or None (not begun, finished, or unreadable)."""
    try:
        data = json.loads(_path(job_id).read_text(encoding="utf-8"))
        return ProgressState(
            phase=str(data["phase"]),
            done=int(data["done"]),
            total=int(data["total"]),
            updated_at=float(data["at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def progress_clear(job_id: object) -> None:
    _path(job_id).unlink(missing_ok=True)
