"""The file a job made (a report document), kept under MEDIA_ROOT/jobs/files/ by the job's id.

MEDIA_ROOT is never served directly: the file goes out only through a view that checks that
the user is the job's owner, and logs the download (see reports/job_views.py). It is deleted
with its job (`services.jobs_prune`).
"""

from pathlib import Path

from django.conf import settings

from borgerraadgiver.jobs.models import Job


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / "files"


def job_file_path(job: Job) -> Path:
    return _folder() / str(job.id)


def job_file_write(job: Job, content: bytes) -> int:
    """Keep the job's file (written whole, then renamed into place); return its size."""
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{job.id}.tmp"
    temporary.write_bytes(content)
    temporary.replace(job_file_path(job))
    return len(content)


def job_file_read(job: Job) -> bytes | None:
    """The job's file, or None when it is gone."""
    try:
        return job_file_path(job).read_bytes()
    except FileNotFoundError:
        return None


def job_file_delete(job: Job) -> None:
    job_file_path(job).unlink(missing_ok=True)
