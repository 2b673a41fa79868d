"""The advisor's documents and internal notes on an inquiry, and its follow-up date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import InquiryChange, InquiryDocument, InquiryDocumentFile
from borgerraadgiver.inquiries.services.case_file import (
    FILES_MISSING,
    FOLLOW_UP_PAST,
    NOT_OPEN,
    NOTE_MISSING,
    TITLE_MISSING,
    inquiry_document_add,
    inquiry_document_file_open,
    inquiry_document_remove,
    inquiry_follow_up_set,
    inquiry_note_add,
)
from tests.conftest import _client_for
from tests.factories import InquiryFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n"


def pdf(name: str = "afgørelse.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def add(inquiry, user, now, **overrides):
    arguments = {"title": "Afgørelse fra Jobcentret", "attachments": [pdf()]}
    arguments.update(overrides)
    return inquiry_document_add(inquiry=inquiry, added_by=user, now=now, **arguments)


def events(inquiry) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(inquiry_id=inquiry.pk)
        .order_by("id")
        .values_list("event", flat=True)
    )


# Documents ----------------------------------------------------------------------------------


def test_a_document_keeps_its_title_description_and_files_under_neutral_names(advisor, now):
    inquiry = InquiryFactory()
    document = add(
        inquiry,
        advisor,
        now,
        description="Modtaget med posten",
        attachments=[pdf("Karen Hansen 010190-1234.pdf"), SimpleUploadedFile("noter.txt", b"Hej")],
    )

    assert (document.title, document.description) == (
        "Afgørelse fra Jobcentret",
        "Modtaget med posten",
    )
    assert (document.added_by, document.added_at) == (advisor, now)
    files = list(document.files.order_by("id"))
    assert [(f.name, f.content_type) for f in files] == [
        ("Karen Hansen 010190-1234.pdf", "application/pdf"),
        ("noter.txt", "text/plain"),
    ]
    # The stored name says nothing of the person: the uploaded name is kept in the row only.
    assert all("Karen" not in f.file.name and "0101" not in f.file.name for f in files)
    assert files[0].file.read() == PDF
    assert events(inquiry) == ["document_added"]


def test_a_file_of_the_wrong_type_refuses_the_document_and_stores_nothing(advisor, now):
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError) as refused:
        add(
            inquiry,
            advisor,
            now,
            attachments=[pdf(), SimpleUploadedFile("virus.pdf", b"MZ\x90\x00")],
        )
    assert "virus.pdf" in " ".join(refused.value.message_dict["attachments"])
    assert not InquiryDocument.objects.exists() and not InquiryDocumentFile.objects.exists()
    assert events(inquiry) == []


def test_a_file_too_large_refuses_the_document_and_stores_nothing(advisor, now, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError) as refused:
        add(inquiry, advisor, now, attachments=[SimpleUploadedFile("stor.pdf", PDF * 2)])
    assert refused.value.message_dict["attachments"][0].startswith("stor.pdf ")
    assert not InquiryDocument.objects.exists()


def test_a_document_needs_a_title_and_a_file(advisor, now):
    with pytest.raises(ValidationError) as refused:
        add(InquiryFactory(), advisor, now, title="  ", attachments=[])
    assert refused.value.message_dict == {
        "title": [str(TITLE_MISSING)],
        "attachments": [str(FILES_MISSING)],
    }


def test_a_file_is_opened_only_on_its_own_inquiry_and_the_read_is_logged(advisor, now):
    inquiry, other = InquiryFactory(), InquiryFactory()
    file = add(inquiry, advisor, now).files.get()

    assert inquiry_document_file_open(user=advisor, inquiry=inquiry, pk=file.pk, now=now) == file
    with pytest.raises(InquiryDocumentFile.DoesNotExist):
        inquiry_document_file_open(user=advisor, inquiry=other, pk=file.pk, now=now)
    entry = AccessLogEntry.objects.get(event="document_downloaded")
    assert (entry.user, entry.action, entry.person_id, entry.detail) == (
        advisor,
        "view",
        inquiry.person_id,
        str(file.pk),
    )


def test_a_department_manager_cannot_download_a_document(advisor, now):
    inquiry = InquiryFactory()
    file = add(inquiry, advisor, now).files.get()
    manager = UserFactory(username="leder")
    manager.managed_departments.add(inquiry.department)

    with pytest.raises(PermissionDenied):
        inquiry_document_file_open(user=manager, inquiry=inquiry, pk=file.pk, now=now)
    response = _client_for(manager).get(
        f"/inquiries/{inquiry.pk}/documents/files/{file.pk}/", follow=False
    )
    assert response.status_code == 404
    assert not AccessLogEntry.objects.filter(event="document_downloaded").exists()


def test_removing_a_document_deletes_its_files_and_is_recorded(
    advisor, now, django_capture_on_commit_callbacks
):
    inquiry = InquiryFactory()
    document = add(inquiry, advisor, now)
    stored = document.files.get().file
    storage, name = stored.storage, stored.name
    version = inquiry.version

    with django_capture_on_commit_callbacks(execute=True):
        change = inquiry_document_remove(
            inquiry=inquiry, removed_by=advisor, now=now, pk=document.pk
        )

    assert not InquiryDocument.objects.exists() and not InquiryDocumentFile.objects.exists()
    assert not storage.exists(name)
    assert (change.field, change.old_value, change.changed_by) == (
        "documents",
        "Afgørelse fra Jobcentret",
        advisor,
    )
    assert change.field_label == "dokument"
    inquiry.refresh_from_db()
    assert inquiry.version == version + 1
    assert events(inquiry)[-1] == "document_removed"


def test_another_inquirys_document_is_not_removed(advisor, now):
    document = add(InquiryFactory(), advisor, now)
    with pytest.raises(InquiryDocument.DoesNotExist):
        inquiry_document_remove(
            inquiry=InquiryFactory(), removed_by=advisor, now=now, pk=document.pk
        )
    assert InquiryDocument.objects.filter(pk=document.pk).exists()


def test_a_user_without_a_role_can_neither_add_nor_remove(advisor, now):
    inquiry = InquiryFactory()
    document = add(inquiry, advisor, now)
    nobody = UserFactory()
    with pytest.raises(PermissionDenied):
        add(inquiry, nobody, now)
    with pytest.raises(PermissionDenied):
        inquiry_document_remove(inquiry=inquiry, removed_by=nobody, now=now, pk=document.pk)
    assert InquiryDocument.objects.count() == 1


# Notes ----------------------------------------------------------------------------------------


def test_a_note_keeps_who_wrote_it_and_when_and_counts_as_no_contact(advisor, now):
    inquiry = InquiryFactory()
    note = inquiry_note_add(inquiry=inquiry, written_by=advisor, now=now, text=" Ring fredag \n")
    assert (note.text, note.written_by, note.written_at) == ("Ring fredag", advisor, now)
    assert inquiry.contacts.count() == 0
    assert events(inquiry) == ["note_added"]


def test_an_empty_note_is_refused(advisor, now):
    with pytest.raises(ValidationError) as refused:
        inquiry_note_add(inquiry=InquiryFactory(), written_by=advisor, now=now, text="  ")
    assert refused.value.message_dict == {"text": [str(NOTE_MISSING)]}


# The follow-up date ---------------------------------------------------------------------------


def test_setting_and_clearing_the_follow_up_date_is_recorded(advisor, now):
    inquiry = InquiryFactory()
    day = timezone.localdate(now) + datetime.timedelta(days=7)

    (change,) = inquiry_follow_up_set(
        inquiry=inquiry, changed_by=advisor, now=now, follow_up_date=day
    )
    assert change.field == "follow_up_date" and change.old_value == ""
    assert (
        inquiry_follow_up_set(inquiry=inquiry, changed_by=advisor, now=now, follow_up_date=day)
        == []
    )
    inquiry_follow_up_set(inquiry=inquiry, changed_by=advisor, now=now, follow_up_date=None)

    inquiry.refresh_from_db()
    assert inquiry.follow_up_date is None
    assert list(
        InquiryChange.objects.filter(field="follow_up_date").values_list("new_value", flat=True)
    ) == [change.new_value, ""]
    assert inquiry.version == 3


def test_a_follow_up_date_in_the_past_or_on_a_closed_inquiry_is_refused(advisor, now):
    today = timezone.localdate(now)
    with pytest.raises(ValidationError) as past:
        inquiry_follow_up_set(
            inquiry=InquiryFactory(),
            changed_by=advisor,
            now=now,
            follow_up_date=today - datetime.timedelta(days=1),
        )
    assert past.value.message_dict == {"follow_up_date": [str(FOLLOW_UP_PAST)]}
    closed = InquiryFactory(status="closed", closed_date=datetime.date(2024, 3, 2))
    with pytest.raises(ValidationError) as not_open:
        inquiry_follow_up_set(inquiry=closed, changed_by=advisor, now=now, follow_up_date=today)
    assert not_open.value.message_dict == {"follow_up_date": [str(NOT_OPEN)]}
    assert not InquiryChange.objects.exists()
