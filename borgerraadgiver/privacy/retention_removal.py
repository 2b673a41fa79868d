"""What of an inquiry is personal data, and its removal by retention, one batch at a time.

`retention_services.retention_apply` decides what is due and calls `retention_batch_remove` for
each batch. The declarations here (`PERSONAL_TEXT`, `CATEGORIES`, …) are the one list of what is
removed; tests/privacy/test_retention_apply.py fails when a model gains a text field, or a new
model hangs off an inquiry or forwarding, that they do not name.
"""

import datetime
from pathlib import Path

from django.db import models, transaction
from django.db.models import Count, Q

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.attachments import attachment_files_delete_on_commit
from borgerraadgiver.feedback.models import ContactRequest, SurveyInvitation
from borgerraadgiver.forwarding.models import (
    AnswerAttachment,
    Consent,
    ConsentRefusal,
    Extension,
    FollowUpQuestion,
    Forwarding,
    WithdrawnAnswer,
)
from borgerraadgiver.inquiries.models import (
    Contact,
    Inquiry,
    InquiryAction,
    InquiryChange,
    InquiryDocument,
    InquiryDocumentFile,
    InquiryNote,
    Person,
)
from borgerraadgiver.intake.models import Submission, SubmissionAttachment
from borgerraadgiver.letters.models import Letter
from borgerraadgiver.privacy.models import DeletionLogEntry
from borgerraadgiver.privacy.retention import retention_due_date

# The personal text on and under an inquiry, by model: emptied by retention. Every other text
# column of these models is a choice, a case number or a file's technical data, and stays
# (tests/privacy/test_retention_apply.py fails when a model gains a text field not named here).
PERSONAL_TEXT: dict[type[models.Model], tuple[str, ...]] = {
    Inquiry: ("summary",),
    Contact: ("note",),
    InquiryAction: ("note",),
    Consent: ("given_by", "note", "withdrawn_note"),
    ConsentRefusal: ("given_by", "note"),
    Forwarding: ("text", "answer_text", "stopped_reason", "shared_name", "shared_cpr"),
    WithdrawnAnswer: ("answer_text", "reason"),
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
# The change record keeps before/after values; those of the summary and a removed document's
# title are personal.
PERSONAL_CHANGED_FIELDS = ("summary", "person.cpr", "documents")
CHANGE_CATEGORIES = (
    ("change record of the summary and CPR number", ("summary", "person.cpr")),
    ("change record of removed documents", ("documents",)),
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
    ("withdrawn answers", WithdrawnAnswer, "forwarding__inquiry_id"),
    ("web-form submissions", Submission, "inquiries"),
)


@transaction.atomic
def retention_batch_remove(
    ids: list[int],
    *,
    now: datetime.datetime,
    today: datetime.date,
    years: int,
    package: Path | None,
) -> tuple[list[DeletionLogEntry], int]:
    """Remove the personal data of the due inquiries `ids`, and log each: one transaction.

    Writes a DeletionLogEntry (the categories and counts removed, never the data) and an
    access-log 'delete' row per inquiry. Inquiries already removed are passed over, so a run
    that stopped halfway is resumed. Returns the entries and how many people were deleted.
    """
    inquiries = list(
        Inquiry.objects.select_for_update()
        .filter(pk__in=ids, personal_data_removed_at__isnull=True)
        .order_by("pk")
    )
    ids = [inquiry.pk for inquiry in inquiries]
    counts = _personal_text_counts(ids)
    _remove_attachments(ids, counts)
    _remove_case_file(ids, counts)
    _empty_personal_text(ids)
    persons = {inquiry.pk: inquiry.person_id for inquiry in inquiries}
    gone = _unlink_persons(persons, now=now)
    entries = [
        _deletion_entry(
            inquiry,
            counts[inquiry.pk],
            person_id=persons[inquiry.pk],
            person_deleted=persons[inquiry.pk] in gone,
            now=now,
            today=today,
            years=years,
            package=package,
        )
        for inquiry in inquiries
    ]
    DeletionLogEntry.objects.bulk_create(entries)
    access_log_write_many(
        user=None,
        event=AccessEvent.RETENTION_DATA_REMOVED,
        now=now,
        inquiries=[(inquiry.pk, persons[inquiry.pk]) for inquiry in inquiries],
    )
    return entries, len(gone)


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


def _personal_text_counts(ids: list[int]) -> dict[int, dict[str, int]]:
    """Per inquiry, per category of the deletion log, how many rows hold personal text."""
    counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    for category, model, path in CATEGORIES:
        for pk, found in _nonempty_counts(model, path, ids).items():
            counts[pk][category] = found
    for category, fields in CHANGE_CATEGORIES:
        changes = (
            InquiryChange.objects.filter(inquiry_id__in=ids, field__in=fields)
            .values("inquiry_id")
            .annotate(found=Count("pk"))
            .order_by()
        )
        for row in changes:
            counts[row["inquiry_id"]][category] = row["found"]
    return counts


def _remove_attachments(ids: list[int], counts: dict[int, dict[str, int]]) -> None:
    """Delete the answers' and the web form's attachments of the inquiries, counting them.

    The rows go now, the files once the removal is committed (a rollback keeps them).
    """
    answers = list(
        AnswerAttachment.objects.filter(forwarding__inquiry_id__in=ids).select_related("forwarding")
    )
    for attachment in answers:
        per = counts[attachment.forwarding.inquiry_id]
        per["attachments"] = per.get("attachments", 0) + 1
    AnswerAttachment.objects.filter(pk__in=[a.pk for a in answers]).delete()
    attachment_files_delete_on_commit(AnswerAttachment, [a.file.name for a in answers])
    sent = list(
        SubmissionAttachment.objects.filter(submission__inquiries__in=ids)
        .values_list("pk", "file", "submission__inquiries")
        .distinct()
    )
    for _pk, _name, inquiry_pk in sent:
        per = counts[inquiry_pk]
        per["web-form attachments"] = per.get("web-form attachments", 0) + 1
    SubmissionAttachment.objects.filter(pk__in={pk for pk, _name, _i in sent}).delete()
    attachment_files_delete_on_commit(SubmissionAttachment, [name for _pk, name, _i in sent])


def _remove_case_file(ids: list[int], counts: dict[int, dict[str, int]]) -> None:
    """Delete the advisor's internal notes and documents and the letters to the citizen (with
    their PDFs) of the inquiries, counting them.

    They hold nothing a figure of the register counts, so they go whole: the document rows now,
    their files once the removal is committed (a rollback keeps them).
    """
    case_file: tuple[tuple[type[models.Model], str], ...] = (
        (InquiryNote, "internal notes"),
        (InquiryDocument, "documents"),
        (Letter, "letters"),
    )
    for model, category in case_file:
        rows = model._default_manager.filter(inquiry_id__in=ids).values("inquiry_id")
        for row in rows.annotate(found=Count("pk")).order_by():
            counts[row["inquiry_id"]][category] = row["found"]
    files = list(
        InquiryDocumentFile.objects.filter(document__inquiry_id__in=ids).values_list(
            "file", flat=True
        )
    )
    InquiryNote.objects.filter(inquiry_id__in=ids).delete()
    InquiryDocument.objects.filter(inquiry_id__in=ids).delete()
    Letter.objects.filter(inquiry_id__in=ids).delete()
    # The survey's links and the requests to be contacted again lead to the case; the answers
    # themselves never did, and stay for the statistics.
    SurveyInvitation.objects.filter(inquiry_id__in=ids).delete()
    ContactRequest.objects.filter(inquiry_id__in=ids).delete()
    attachment_files_delete_on_commit(InquiryDocumentFile, files)


def _empty_personal_text(ids: list[int]) -> None:
    for _category, model, path in CATEGORIES:
        model._default_manager.filter(**{f"{path}__in": ids}).update(
            **dict.fromkeys(PERSONAL_TEXT[model], "")
        )
    InquiryChange.objects.filter(inquiry_id__in=ids, field__in=PERSONAL_CHANGED_FIELDS).update(
        old_value="", new_value=""
    )


def _unlink_persons(persons: dict[int, int | None], *, now: datetime.datetime) -> set[int]:
    """Unlink the inquiries (`persons`: inquiry id -> person id) from their people, mark them
    removed, and delete the people no inquiry needs any more. Returns those people's ids."""
    Inquiry.objects.filter(pk__in=list(persons)).update(person=None, personal_data_removed_at=now)
    touched = {pid for pid in persons.values() if pid is not None}
    still_needed = set(
        Inquiry.objects.filter(person_id__in=touched).values_list("person_id", flat=True)
    )
    gone = touched - still_needed
    Person.objects.filter(pk__in=gone).delete()
    return gone


def _deletion_entry(
    inquiry: Inquiry,
    per: dict[str, int],
    *,
    person_id: int | None,
    person_deleted: bool,
    now: datetime.datetime,
    today: datetime.date,
    years: int,
    package: Path | None,
) -> DeletionLogEntry:
    """The deletion log's row for one inquiry: what was removed, by which rule; never the data."""
    if person_id is not None:
        per["link to the person"] = 1
        if person_deleted:
            per["person: name, contact details and CPR number"] = 1
    assert inquiry.closed_date is not None
    return DeletionLogEntry(
        inquiry_id=inquiry.pk,
        case_number=inquiry.case_number,
        removed_at=now,
        closed_date=inquiry.closed_date,
        retention_years=years,
        due_date=retention_due_date(inquiry.closed_date, years=years),
        rule=f"closed_date + {years} years <= {today.isoformat()} (Office.retention_years)",
        categories=sorted(per),
        counts=per,
        person_deleted=person_deleted,
        archive_package=package.name if package else "",
    )
