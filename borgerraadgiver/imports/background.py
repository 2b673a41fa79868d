"""The web import as background work: upload and start the check; confirm or cancel it.

The file is stored (`uploads.py`), the check runs as a task and the page shows its progress;
once the check found no error the administrator confirms, and the import runs as a second task
continuing the first (`jobs.services.job_continue`: a double click imports once).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_administrator
from borgerraadgiver.imports import uploads
from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.imports.tasks import FILE_GONE, import_check_task, import_write_task
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.services import job_continue, job_start

HAS_ERRORS = _("The check found errors: nothing can be imported from this file.")


def import_check_start(
    *,
    user: User,
    kind: str,
    file: UploadedFile,
    replace: bool,
    language: str,
    now: datetime.datetime,
) -> Job:
    """Store the upload and start checking it. Administrators only. Side effects: the stored
    file, a job and its task; nothing is imported."""
    if not is_administrator(user):
        raise PermissionDenied
    token = uploads.upload_store(user=user, file=file)
    parameters = {"kind": kind, "name": file.name or "", "replace": replace, "token": token}
    try:
        return job_start(
            owner=user,
            kind=Job.Kind.IMPORT_CHECK,
            parameters=parameters,
            task=import_check_task,
            language=language,
            now=now,
        )
    except Exception:
        uploads.upload_discard(user=user, token=token)
        raise


def import_confirm(*, user: User, check: Job, language: str, now: datetime.datetime) -> Job:
    """Import the file that `check` found without errors, once. Administrators only, and only
    the one who uploaded it. Raises ValidationError when the check found errors, the file is
    gone, or it was confirmed already (ALREADY_CONTINUED)."""
    if not is_administrator(user):
        raise PermissionDenied
    if check.kind != Job.Kind.IMPORT_CHECK:
        raise PermissionDenied
    if check.status == Job.Status.DONE and ImportResult.from_json(check.result).errors:
        raise ValidationError(HAS_ERRORS, code="errors")
    if check.next_job_id is None and _upload_gone(user, check):
        raise ValidationError(FILE_GONE, code="gone")
    return job_continue(
        previous=check,
        owner=user,
        kind=Job.Kind.IMPORT,
        parameters=check.parameters,
        task=import_write_task,
        language=language,
        now=now,
    )


def import_cancel(*, user: User, check: Job) -> None:
    """Nothing is imported: the stored file is deleted. Administrators only. A check already
    confirmed is left alone: its import may still be waiting for the file."""
    if not is_administrator(user):
        raise PermissionDenied
    if check.next_job_id is not None:
        return
    uploads.upload_discard(user=user, token=str(check.parameters.get("token", "")))


def _upload_gone(user: User, check: Job) -> bool:
    return uploads.upload_path(user=user, token=str(check.parameters.get("token", ""))) is None
