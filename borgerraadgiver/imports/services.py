"""Spreadsheet imports: check a whole file, then write all of it or nothing.

`import_run` is the one entry point, used by the management commands and the administrator's
web page alike. It reads the file, checks every row against the organisation and the lists,
collects every error (row, column, reason), and writes only when there is none and it is not a
dry run, in one transaction with an access-log row and an `ImportBatch` record.
"""

import datetime
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_administrator
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.imports.base import Importer, Plan, WriteContext
from borgerraadgiver.imports.checks import FileRefused, Problems, RowError, columns_check
from borgerraadgiver.imports.inquiries import InquiryImporter
from borgerraadgiver.imports.lists import ActionImporter, HandlingImporter, ReasonImporter
from borgerraadgiver.imports.models import ImportBatch
from borgerraadgiver.imports.organisation import OrganisationImporter
from borgerraadgiver.imports.progress import NoProgress, Progress
from borgerraadgiver.imports.reading import UnreadableFile, table_read

KINDS = tuple(ImportBatch.Kind.values)

COUNT_LABELS = {
    "created": _("New entries"),
    "updated": _("Entries already in the list, updated"),
    "areas created": _("New areas"),
    "departments created": _("New departments"),
    "departments updated": _("Departments already there, updated"),
    "inquiries": _("Inquiries"),
    "forwardings": _("Of these, forwarded to a department"),
    "replaced": _("Earlier imported inquiries replaced"),
}


@dataclass
class ImportResult:
    kind: str
    file_name: str
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    imported: bool = False
    batch_id: int | None = None

    @property
    def labelled_counts(self) -> list[tuple[str, int]]:
        return [(str(COUNT_LABELS.get(key, key)), value) for key, value in self.counts.items()]

    def as_json(self) -> dict[str, Any]:
        """The result as a background job keeps it (`from_json` reads it back)."""
        return {
            **{name: getattr(self, name) for name in _PLAIN_FIELDS},
            "errors": [[e.row, e.column, e.message] for e in self.errors],
            "warnings": [[w.row, w.column, w.message] for w in self.warnings],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ImportResult":
        return cls(
            **{name: data[name] for name in _PLAIN_FIELDS},
            errors=[RowError(int(r), str(c), str(m)) for r, c, m in data["errors"]],
            warnings=[RowError(int(r), str(c), str(m)) for r, c, m in data["warnings"]],
        )


_PLAIN_FIELDS = ("kind", "file_name", "dry_run", "rows", "counts", "imported", "batch_id")


def importer_for(kind: str, *, today: datetime.date) -> Importer:
    if kind == ImportBatch.Kind.ORGANISATION:
        return OrganisationImporter()
    if kind == ImportBatch.Kind.REASONS:
        return ReasonImporter()
    if kind == ImportBatch.Kind.HANDLING:
        return HandlingImporter()
    if kind == ImportBatch.Kind.ACTIONS:
        return ActionImporter()
    if kind == ImportBatch.Kind.INQUIRIES:
        return InquiryImporter(today=today)
    raise ValueError(f"Unknown import: {kind}")


def import_run(
    *,
    kind: str,
    file: IO[bytes],
    file_name: str,
    user: User | None,
    now: datetime.datetime,
    dry_run: bool,
    replace: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check the file and, unless it is a dry run or any row is wrong, import all of it.

    All rows are checked before anything is written, and every error is collected with its row
    and column; with one error nothing is imported. The check and the writes run in one
    transaction, so the lists cannot change between them. `user` is None when run from the
    command line (whoever has the shell is trusted); a user must be an administrator.
    Side effects of an import: an `ImportBatch` row and an access-log row (action create).
    """
    if user is not None and not is_administrator(user):
        raise PermissionDenied
    progress = progress or NoProgress()
    result = ImportResult(kind=kind, file_name=file_name, dry_run=dry_run)
    importer = importer_for(kind, today=timezone.localdate(now))
    with transaction.atomic():
        plan = _check(importer, file, file_name, result, progress, replace=replace)
        if plan is None or result.errors or dry_run:
            progress.done()
            return result
        batch = _write(importer, plan, result, progress, user=user, now=now, replace=replace)
        progress.done()
    result.imported = True
    result.batch_id = batch.pk
    return result


def _check(
    importer: Importer,
    file: IO[bytes],
    file_name: str,
    result: ImportResult,
    progress: Progress,
    *,
    replace: bool,
) -> Plan | None:
    """Read and check every row; the errors (with row and column) go on `result`."""
    try:
        table = table_read(file, name=file_name)
        columns_check(table, required=importer.required, optional=importer.optional)
        problems = Problems()
        plan = importer.validate(table, problems, progress, replace=replace)
    except UnreadableFile as error:
        result.errors = [RowError(0, "", str(error))]
        return None
    except FileRefused as refused:
        result.errors = refused.errors
        return None
    result.rows, result.counts, result.errors = plan.rows, plan.counts, problems.errors
    result.warnings = problems.warnings
    if plan.rows == 0:
        result.errors = [RowError(0, "", gettext("The file has no rows below the column names."))]
    return plan


def _write(
    importer: Importer,
    plan: Plan,
    result: ImportResult,
    progress: Progress,
    *,
    user: User | None,
    now: datetime.datetime,
    replace: bool,
) -> ImportBatch:
    """Write a checked plan, with its batch row and access-log row."""
    batch = ImportBatch.objects.create(
        kind=importer.kind,
        file_name=result.file_name[:255],
        imported_by=user,
        imported_at=now,
        rows=plan.rows,
        summary=", ".join(f"{key}: {value}" for key, value in plan.counts.items())[:500],
    )
    context = WriteContext(
        user=user, now=now, file_name=result.file_name, replace=replace, batch_id=batch.pk
    )
    result.counts = importer.write(plan, context, progress)
    access_log_write(
        user=user,
        event=AccessEvent.FILE_IMPORTED,
        now=now,
        detail=f"{importer.kind} #{batch.pk}, {result.file_name}, {plan.rows}: " + batch.summary,
    )
    return batch
