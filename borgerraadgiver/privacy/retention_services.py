"""Retention applied: the personal data of every inquiry due under the office's rule is removed.

The rule is calculated by the pure module `retention.py`; this module applies it (calculate,
then apply). `retention_apply`, used by the `apply_retention` command, plans the run, delivers
to the archive, deletes rejected web-form submissions and people without any inquiry, and
removes the due inquiries' personal data batch by batch (`retention_removal.py`).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.attachments import attachment_files_delete_on_commit
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.intake.models import Submission, SubmissionAttachment
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy.archive import archive_write
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.retention import (
    InquiryFacts,
    RetentionPlan,
    retention_due_date,
    retention_plan,
)
from borgerraadgiver.privacy.retention_removal import retention_batch_remove

RETENTION_BATCH = 100


@dataclass
class RetentionRun:
    today: datetime.date
    years: int
    plan: RetentionPlan
    case_numbers: list[str]
    rejected_submissions: list[str] = field(default_factory=list)  # references, due
    # People no inquiry refers to at all (e.g. left by an import replaced): nothing needs them.
    orphans: list[int] = field(default_factory=list)
    package: Path | None = None
    removed: int = 0
    persons_deleted: int = 0
    log: list[DeletionLogEntry] = field(default_factory=list)


def retention_facts() -> list[InquiryFacts]:
    """Every inquiry's facts for `retention_plan`: ids, closing date, person, group."""
    return [
        InquiryFacts(
            pk=pk,
            closed_date=closed_date if status == Inquiry.Status.CLOSED else None,
            person_id=person_id,
            group=group,
            removed=removed_at is not None,
        )
        for pk, status, closed_date, person_id, group, removed_at in Inquiry.objects.values_list(
            "pk",
            "status",
            "closed_date",
            "person_id",
            "registration_group",
            "personal_data_removed_at",
        ).order_by()
    ]


def retention_apply(
    *,
    today: datetime.date,
    now: datetime.datetime,
    dry_run: bool = False,
    archive_to: Path | None = None,
    batch_size: int = RETENTION_BATCH,
    progress: Callable[[int], None] | None = None,
) -> RetentionRun:
    """Remove the personal data of every inquiry due under the office's retention rule.

    The rule (`retention.py`): closed_date + Office.retention_years <= today; inquiries
    registered together go together. Removed: the link to the person (and the person, with
    name, contact details and CPR, when no inquiry needs them any more), the summary, contact
    and action notes, consent details, forwarding texts, answers, stopping reasons, extension
    reasons, follow-up questions and answers, the change record of the summary and of removed
    documents, the advisor's internal notes and documents, and the attachments (rows and
    files). Kept: the statistical skeleton (dates, area, department, reasons, handling,
    counted actions, forwarding dates and outcome), so reports compute the same figures.

    `archive_to`: the archive delivery is written first (`archive.py`); nothing is removed
    unless it was written whole. `dry_run`: only the plan, nothing written. Each batch of
    inquiries is one transaction that writes a DeletionLogEntry and an access-log 'delete' row
    per inquiry; an interrupted run is resumed by running again (done inquiries are not due).
    """
    run = _retention_run(today=today)
    if dry_run:
        return run
    if run.rejected_submissions:
        _remove_rejected_submissions(run.rejected_submissions, now=now)
    if run.orphans:
        _remove_orphans(run.orphans, now=now)
    if not run.plan.due:
        return run
    if archive_to is not None:
        run.package = _archive(run, directory=archive_to, now=now)
    for start in range(0, len(run.plan.due), batch_size):
        batch = run.plan.due[start : start + batch_size]
        entries, deleted = retention_batch_remove(
            batch, now=now, today=today, years=run.years, package=run.package
        )
        run.removed += len(entries)
        run.persons_deleted += deleted
        run.log.extend(entries)
        if progress is not None:
            progress(run.removed)
    return run


def _retention_run(*, today: datetime.date) -> RetentionRun:
    """What is due on `today`: the plan, with the case numbers, rejected submissions and
    people left without any inquiry. Reads only."""
    years = Office.load().retention_years
    plan = retention_plan(retention_facts(), today=today, years=years)
    numbers = dict(Inquiry.objects.filter(pk__in=plan.due).values_list("pk", "case_number"))
    return RetentionRun(
        today=today,
        years=years,
        plan=plan,
        case_numbers=[numbers[pk] for pk in plan.due],
        rejected_submissions=_rejected_submissions_due(today=today, years=years),
        orphans=list(
            Person.objects.filter(inquiries__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        ),
    )


def _archive(run: RetentionRun, *, directory: Path, now: datetime.datetime) -> Path:
    closed = dict(Inquiry.objects.filter(pk__in=run.plan.due).values_list("pk", "closed_date"))
    return archive_write(
        directory=directory,
        inquiry_ids=run.plan.due,
        now=now,
        today=run.today,
        years=run.years,
        due_dates={
            pk: retention_due_date(day, years=run.years)
            for pk, day in closed.items()
            if day is not None
        },
    )


def _rejected_submissions_due(*, today: datetime.date, years: int) -> list[str]:
    """Web-form submissions the advisor rejected (spam, nothing to register) `years` or more
    ago: no inquiry holds them, so nothing of them is kept."""
    handled = Submission.objects.filter(
        status=Submission.Status.REJECTED, handled_at__isnull=False
    ).values_list("reference", "handled_at")
    return sorted(
        reference
        for reference, handled_at in handled
        if retention_due_date(timezone.localdate(handled_at), years=years) <= today
    )


@transaction.atomic
def _remove_rejected_submissions(references: list[str], *, now: datetime.datetime) -> None:
    submissions = Submission.objects.filter(
        reference__in=references, status=Submission.Status.REJECTED
    )
    files = list(
        SubmissionAttachment.objects.filter(submission__in=submissions).values_list(
            "file", flat=True
        )
    )
    submissions.delete()
    attachment_files_delete_on_commit(SubmissionAttachment, files)
    access_log_write_many(
        user=None,
        event=AccessEvent.RETENTION_SUBMISSIONS_DELETED,
        now=now,
        inquiries=[(None, None)],
        detail=", ".join(references),
    )


@transaction.atomic
def _remove_orphans(person_ids: list[int], *, now: datetime.datetime) -> None:
    deleted = Person.objects.filter(pk__in=person_ids, inquiries__isnull=True)
    gone = list(deleted.values_list("pk", flat=True))
    deleted.delete()
    access_log_write_many(
        user=None,
        event=AccessEvent.RETENTION_PERSON_DELETED,
        now=now,
        inquiries=[(None, pk) for pk in gone],
    )
