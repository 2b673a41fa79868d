"""The advisor's documents and internal notes on an inquiry, and its follow-up date.

- Documents (a letter from the municipality, a decision, meeting notes) are checked and stored by
  the one attachment module, `core.attachments`, as the web form's and the departments' files
  are; reading a file is logged, and removing a document is written in the change record.
- Notes are free text for the office: not contacts, counted in no figure.
- The follow-up date ("Genoptag den …") puts an open inquiry back on the front page from that
  day; setting or clearing it is written in the change record.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.attachments import (
    attachment_files_delete_on_commit,
    attachments_check,
    attachments_create,
)
from borgerraadgiver.inquiries.models import (
    Inquiry,
    InquiryChange,
    InquiryDocument,
    InquiryDocumentFile,
    InquiryNote,
)
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services.change_record import snapshot

# The versioning of `editing` is the package's one rule for every recorded change.
from borgerraadgiver.inquiries.services.editing import _claim_version, _record_and_bump_version

DOCUMENT_FIELD = "documents"  # the change record's field for a document removed
TITLE_MISSING = gettext_lazy("Give the document a title.")
FILES_MISSING = gettext_lazy("Choose the document's file.")
NOTE_MISSING = gettext_lazy("Write the note.")
NOT_OPEN = gettext_lazy("Only an open inquiry can have a follow-up date.")
FOLLOW_UP_PAST = gettext_lazy("The follow-up date is in the past. Choose today or a later day.")


def _check_advisor(user: User) -> None:
    if not can_handle_inquiries(user):
        raise PermissionDenied


@transaction.atomic
def inquiry_document_add(
    *,
    inquiry: Inquiry,
    added_by: User,
    now: datetime.datetime,
    title: str,
    attachments: Sequence[UploadedFile],
    description: str = "",
) -> InquiryDocument:
    """A document on the inquiry: a title, a description and at least one file.

    The files pass the same rule as every attachment (`core.attachments.attachments_check`:
    count, size, type by content); a refused file refuses the whole document, with every
    problem named, and nothing is stored. Logged as a change of the inquiry's data.
    """
    _check_advisor(added_by)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [str(TITLE_MISSING)]
    if not attachments:
        errors["attachments"] = [str(FILES_MISSING)]
    checked = []
    try:
        checked = attachments_check(attachments)
    except ValidationError as refused:
        errors.update(refused.message_dict)
    if errors:
        raise ValidationError(errors)
    document = InquiryDocument(
        inquiry=inquiry,
        title=title.strip(),
        description=description.strip(),
        added_by=added_by,
        added_at=now,
    )
    document.full_clean()
    document.save()
    attachments_create(
        InquiryDocumentFile, checked, uploaded_by=added_by, uploaded_at=now, document=document
    )
    access_log_write(
        user=added_by,
        event=AccessEvent.DOCUMENT_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
        detail=str(document.pk),
    )
    return document


def inquiry_document_file_open(
    *, user: User, inquiry: Inquiry, pk: int, now: datetime.datetime
) -> InquiryDocumentFile:
    """One file of a document on the inquiry, for download; the read is logged.

    Advisors only (refused outright for anyone else); found only among the inquiries the user
    may see and on this inquiry, InquiryDocumentFile.DoesNotExist otherwise (a 404).
    """
    _check_advisor(user)
    file = InquiryDocumentFile.objects.filter(
        document__inquiry__in=Inquiry.objects.visible_to(user)
    ).get(pk=pk, document__inquiry=inquiry)
    access_log_write(
        user=user,
        event=AccessEvent.DOCUMENT_DOWNLOADED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
        detail=str(file.pk),
    )
    return file


@transaction.atomic
def inquiry_document_remove(
    *, inquiry: Inquiry, removed_by: User, now: datetime.datetime, pk: int
) -> InquiryChange:
    """Remove a document from the inquiry, its files from storage once committed.

    Written in the change record (the document's title, who, when; the inquiry's version
    rises) and logged as a deletion. InquiryDocument.DoesNotExist for another inquiry's.
    """
    _check_advisor(removed_by)
    current = _claim_version(inquiry, None)
    document = InquiryDocument.objects.get(pk=pk, inquiry=inquiry)
    names = list(document.files.values_list("file", flat=True))
    document.delete()
    attachment_files_delete_on_commit(InquiryDocumentFile, names)
    change = InquiryChange.objects.create(
        inquiry=inquiry,
        changed_by=removed_by,
        changed_at=now,
        field=DOCUMENT_FIELD,
        old_value=document.title,
        new_value="",
    )
    Inquiry.objects.filter(pk=inquiry.pk).update(version=current + 1)
    inquiry.version = current + 1
    access_log_write(
        user=removed_by,
        event=AccessEvent.DOCUMENT_REMOVED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
        detail=str(pk),
    )
    return change


@transaction.atomic
def inquiry_note_add(
    *, inquiry: Inquiry, written_by: User, now: datetime.datetime, text: str
) -> InquiryNote:
    """An internal note on the inquiry: the office's own words, who wrote it and when.

    Not a contact: no figure of the report counts it. Logged as a change of the inquiry's data.
    """
    _check_advisor(written_by)
    if not text.strip():
        raise ValidationError({"text": str(NOTE_MISSING)})
    note = InquiryNote(inquiry=inquiry, text=text.strip(), written_by=written_by, written_at=now)
    note.full_clean()
    note.save()
    access_log_write(
        user=written_by,
        event=AccessEvent.NOTE_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return note


@transaction.atomic
def inquiry_follow_up_set(
    *,
    inquiry: Inquiry,
    changed_by: User,
    now: datetime.datetime,
    follow_up_date: datetime.date | None,
) -> list[InquiryChange]:
    """Set ("Genoptag den …") or clear (None) the day an open inquiry returns to the front page.

    Today or later, on an open inquiry only. Written in the change record; the version rises
    when the date changed.
    """
    _check_advisor(changed_by)
    current = _claim_version(inquiry, None)
    inquiry.refresh_from_db(fields=["status", "follow_up_date"])
    if follow_up_date is not None:
        if inquiry.status != Inquiry.Status.OPEN:
            raise ValidationError({"follow_up_date": str(NOT_OPEN)})
        if follow_up_date < timezone.localdate(now):
            raise ValidationError({"follow_up_date": str(FOLLOW_UP_PAST)})
    before = snapshot(inquiry)
    inquiry.follow_up_date = follow_up_date
    inquiry.save(update_fields=["follow_up_date", "updated_at"])
    return _record_and_bump_version(inquiry, current, before=before, changed_by=changed_by, now=now)
