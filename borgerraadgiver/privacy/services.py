"""Writes for personal data: retention, the CPR 'show' action, the data-subject export.

Each service checks its rule, runs in a transaction, and writes its own access-log row.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.forwarding.models import (
    AnswerAttachment,
    Consent,
    ConsentRefusal,
    Extension,
    FollowUpQuestion,
    Forwarding,
)
from borgerraadgiver.inquiries.cpr import cpr_format
from borgerraadgiver.inquiries.models import Contact, Inquiry, InquiryAction, InquiryChange, Person
from borgerraadgiver.intake.models import Submission, SubmissionAttachment
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy.archive import archive_write
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.permissions import can_see_person_data
from borgerraadgiver.privacy.records import (
    FORMAT_VERSION,
    inquiries_for_records,
    inquiry_record,
    person_record,
)
from borgerraadgiver.privacy.retention import (
    InquiryFacts,
    RetentionPlan,
    retention_due_date,
    retention_plan,
)

# The personal text on and under an inquiry, by model: emptied by retention. Every other text
# column of these models is a choice, a case number or a file's technical data, and stays
# (tests/privacy/test_retention_apply.py fails when a model gains a text field not named here).
PERSONAL_TEXT: dict[type[models.Model], tuple[str, ...]] = {
    Inquiry: ("summary",),
    Contact: ("note",),
    InquiryAction: ("note",),
    Consent: ("given_by", "note", "withdrawn_note"),
    ConsentRefusal: ("given_by", "note"),
    Forwarding: ("text", "answer_text", "stopped_reason"),
    Extension: ("reason",),
    FollowUpQuestion: ("text", "answer_text"),
    Submission: (
        "name",
        "phone",
        "email",
        "address",
        "what_happened",
        "what_they_want",
        "rejection_reason",
    ),
}
PERSON_FIELDS = ("name", "phone", "email", "address", "cpr")
# The change record keeps before/after values; those of the summary are personal.
PERSONAL_CHANGED_FIELDS = ("summary", "person.cpr")
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
    reasons, follow-up questions and answers, the summary's change record, and the attachments
    (rows and files). Kept: the statistical skeleton (dates, area, department, reasons, handling,
    counted actions, forwarding dates and outcome), so reports compute the same figures.

    `archive_to`: the archive delivery is written first (`archive.py`); nothing is removed
    unless it was written whole. `dry_run`: only the plan, nothing written. Each batch of
    inquiries is one transaction that writes a DeletionLogEntry and an access-log 'delete' row
    per inquiry; an interrupted run is resumed by running again (done inquiries are not due).
    """
    years = Office.load().retention_years
    plan = retention_plan(retention_facts(), today=today, years=years)
    numbers = dict(Inquiry.objects.filter(pk__in=plan.due).values_list("pk", "case_number"))
    run = RetentionRun(
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
    if dry_run:
        return run
    if run.rejected_submissions:
        _remove_rejected_submissions(run.rejected_submissions, now=now)
    if run.orphans:
        _remove_orphans(run.orphans, now=now)
    if not plan.due:
        return run
    if archive_to is not None:
        closed = dict(Inquiry.objects.filter(pk__in=plan.due).values_list("pk", "closed_date"))
        run.package = archive_write(
            directory=archive_to,
            inquiry_ids=plan.due,
            now=now,
            today=today,
            years=years,
            due_dates={
                pk: retention_due_date(day, years=years)
                for pk, day in closed.items()
                if day is not None
            },
        )
    for start in range(0, len(plan.due), batch_size):
        batch = plan.due[start : start + batch_size]
        entries, deleted = _remove_batch(
            batch, now=now, today=today, years=years, package=run.package
        )
        run.removed += len(entries)
        run.persons_deleted += deleted
        run.log.extend(entries)
        if progress is not None:
            progress(run.removed)
    return run


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
    files = [
        name
        for name in SubmissionAttachment.objects.filter(submission__in=submissions).values_list(
            "file", flat=True
        )
        if name
    ]
    submissions.delete()
    storage = SubmissionAttachment.file.field.storage

    def delete_files() -> None:
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
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


# What each category of personal text is called in the deletion log, its model, and the path
# from that model to the inquiry.
CATEGORIES: tuple[tuple[str, type[models.Model], str], ...] = (
    ("summary", Inquiry, "pk"),
    ("contact notes", Contact, "inquiry_id"),
    ("counted action notes", InquiryAction, "inquiry_id"),
    ("consent details", Consent, "inquiry_id"),
    ("declined forwarding details", ConsentRefusal, "inquiry_id"),
    ("forwarding texts and answers", Forwarding, "inquiry_id"),
    ("extension reasons", Extension, "forwarding__inquiry_id"),
    ("follow-up questions and answers", FollowUpQuestion, "forwarding__inquiry_id"),
    ("web-form submissions", Submission, "inquiries"),
)


def _nonempty_counts(model: type[models.Model], path: str, ids: list[int]) -> dict[int, int]:
    """Per inquiry, how many rows of `model` hold any personal text: one query."""
    condition = Q()
    for name in PERSONAL_TEXT[model]:
        condition |= ~Q(**{name: ""})
    rows = (
        model._default_manager.filter(condition, **{f"{path}__in": ids})
        .values(path)
        .annotate(found=Count("pk"))
        .order_by()
    )
    return {row[path]: row["found"] for row in rows}


@transaction.atomic
def _remove_batch(
    ids: list[int],
    *,
    now: datetime.datetime,
    today: datetime.date,
    years: int,
    package: Path | None,
) -> tuple[list[DeletionLogEntry], int]:
    inquiries = list(
        Inquiry.objects.select_for_update()
        .filter(pk__in=ids, personal_data_removed_at__isnull=True)
        .order_by("pk")
    )
    ids = [inquiry.pk for inquiry in inquiries]
    counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for category, model, path in CATEGORIES:
        for pk, found in _nonempty_counts(model, path, ids).items():
            counts[pk][category] = found
    changes = (
        InquiryChange.objects.filter(inquiry_id__in=ids, field__in=PERSONAL_CHANGED_FIELDS)
        .values("inquiry_id")
        .annotate(found=Count("pk"))
        .order_by()
    )
    for row in changes:
        counts[row["inquiry_id"]]["change record of the summary and CPR number"] = row["found"]

    # Attachments: rows now, files once the removal is committed (a rollback keeps them).
    attachments = list(
        AnswerAttachment.objects.filter(forwarding__inquiry_id__in=ids).select_related("forwarding")
    )
    for attachment in attachments:
        per = counts[attachment.forwarding.inquiry_id]
        per["attachments"] = per.get("attachments", 0) + 1
    files = [(a.file.storage, a.file.name) for a in attachments if a.file.name]
    AnswerAttachment.objects.filter(pk__in=[a.pk for a in attachments]).delete()
    sent = list(
        SubmissionAttachment.objects.filter(submission__inquiries__in=ids)
        .values_list("pk", "file", "submission__inquiries")
        .distinct()
    )
    for _pk, _name, inquiry_pk in sent:
        per = counts[inquiry_pk]
        per["web-form attachments"] = per.get("web-form attachments", 0) + 1
    files += [(SubmissionAttachment.file.field.storage, name) for _pk, name, _i in sent if name]
    SubmissionAttachment.objects.filter(pk__in={pk for pk, _name, _i in sent}).delete()

    def delete_files() -> None:
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)

    for _category, model, path in CATEGORIES:
        model._default_manager.filter(**{f"{path}__in": ids}).update(
            **dict.fromkeys(PERSONAL_TEXT[model], "")
        )
    InquiryChange.objects.filter(inquiry_id__in=ids, field__in=PERSONAL_CHANGED_FIELDS).update(
        old_value="", new_value=""
    )

    persons = {inquiry.pk: inquiry.person_id for inquiry in inquiries}
    Inquiry.objects.filter(pk__in=ids).update(person=None, personal_data_removed_at=now)
    touched = {pid for pid in persons.values() if pid is not None}
    still_needed = set(
        Inquiry.objects.filter(person_id__in=touched).values_list("person_id", flat=True)
    )
    gone = touched - still_needed
    Person.objects.filter(pk__in=gone).delete()

    entries = []
    for inquiry in inquiries:
        person_id = persons[inquiry.pk]
        per = counts[inquiry.pk]
        if person_id is not None:
            per["link to the person"] = 1
            if person_id in gone:
                per["person: name, contact details and CPR number"] = 1
        assert inquiry.closed_date is not None
        entries.append(
            DeletionLogEntry(
                inquiry_id=inquiry.pk,
                case_number=inquiry.case_number,
                removed_at=now,
                closed_date=inquiry.closed_date,
                retention_years=years,
                due_date=retention_due_date(inquiry.closed_date, years=years),
                rule=f"closed_date + {years} years <= {today.isoformat()} (Office.retention_years)",
                categories=sorted(per),
                counts=per,
                person_deleted=person_id in gone,
                archive_package=package.name if package else "",
            )
        )
    DeletionLogEntry.objects.bulk_create(entries)
    access_log_write_many(
        user=None,
        event=AccessEvent.RETENTION_DATA_REMOVED,
        now=now,
        inquiries=[(inquiry.pk, persons[inquiry.pk]) for inquiry in inquiries],
    )
    return entries, len(gone)


def person_cpr_reveal(
    *, person: Person, shown_to: User, now: datetime.datetime, inquiry_id: int | None = None
) -> str:
    """The person's full CPR number, for the explicit 'show' action; the showing is logged.

    Advisors only. Returns '' when no number is held (and logs nothing then).
    """
    if not can_see_person_data(shown_to):
        raise PermissionDenied
    if not person.cpr:
        return ""
    access_log_write(
        user=shown_to,
        event=AccessEvent.CPR_SHOWN,
        now=now,
        person_id=person.pk,
        inquiry_id=inquiry_id,
    )
    return cpr_format(person.cpr)


@transaction.atomic
def person_export(
    *, person: Person, exported_by: User, now: datetime.datetime, file_format: str
) -> dict[str, Any]:
    """Everything held about one person, for a data-subject request (GDPR art. 15).

    The person, each of their inquiries with contacts, counted actions, consents, forwardings
    (texts, answers, extensions, follow-up questions, the attachments' names and sizes) and
    the log of every access to their data, as plain data for the JSON and PDF renderers. The
    CPR number is masked: the export leaves the office and the citizen knows their number.
    The export is logged, one row per inquiry and one for the person, before it is read, so
    the export's own log shows it.
    """
    if not can_see_person_data(exported_by):
        raise PermissionDenied
    office = Office.load()
    inquiry_ids = list(
        Inquiry.objects.filter(person=person).order_by("pk").values_list("pk", flat=True)
    )
    detail = file_format
    access_log_write(
        user=exported_by,
        event=AccessEvent.PERSON_EXPORTED,
        now=now,
        person_id=person.pk,
        detail=detail,
    )
    access_log_write_many(
        user=exported_by,
        event=AccessEvent.PERSON_EXPORTED,
        now=now,
        inquiries=[(pk, person.pk) for pk in inquiry_ids],
        detail=detail,
    )
    inquiries = list(inquiries_for_records(inquiry_ids))
    numbers = {inquiry.pk: inquiry.case_number for inquiry in inquiries}
    log = AccessLogEntry.objects.for_person(
        person_id=person.pk, inquiry_ids=inquiry_ids
    ).select_related("user")
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.localtime(now).isoformat(),
        "exported_by": exported_by.get_username(),
        "office": {"name": office.name, "municipality": office.municipality},
        "person": person_record(person, cpr="masked"),
        "inquiries": [inquiry_record(inquiry, cpr="masked") for inquiry in inquiries],
        "access_log": [
            {
                "at": timezone.localtime(entry.at).isoformat(),
                "user": entry.user.get_username() if entry.user else (entry.username or None),
                "action": entry.action,
                "action_label": str(entry.get_action_display()),
                "event": entry.event,
                "event_label": str(entry.get_event_display()) if entry.event else "",
                "case_number": numbers.get(entry.inquiry_id or 0),
                "detail": entry.detail,
            }
            for entry in log
        ],
    }
