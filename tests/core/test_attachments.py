"""The one attachment module: what may be attached (by content), the limits, the stored name,
the download."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from borgerraadgiver.core.attachments import (
    OLE_SIGNATURE,
    attachment_response,
    attachments_check,
    attachments_create,
    content_type_of,
)
from borgerraadgiver.intake.models import Submission, SubmissionAttachment


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", "MZ")
    return buffer.getvalue()


def _odt() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("brev.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("BREV.PDF", b"%PDF-1.7\n...", "application/pdf"),
        ("foto.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("foto.jpeg", b"\xff\xd8\xff\xe1....", "image/jpeg"),
        ("gammel.doc", OLE_SIGNATURE + b"....", "application/msword"),
        (
            "ny.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("ny.odt", _odt(), "application/vnd.oasis.opendocument.text"),
        ("noter.txt", "Hej, æøå\r\n\tMed venlig hilsen".encode(), "text/plain"),
        ("noter.txt", "Latin-1: æøå".encode("cp1252"), "text/plain"),
        # The name says one thing, the content another: refused.
        ("brev.pdf", b"MZ\x90\x00 an executable", None),
        ("foto.png", b"%PDF-1.7", None),
        ("ny.docx", _zip_without_word(), None),
        ("ny.docx", b"PK\x03\x04 broken zip", None),
        ("noter.txt", b"\x00\x01\x02binary", None),
        ("tom.txt", b"", None),
        # Not on the list at all, whatever the content.
        ("program.exe", b"MZ\x90\x00", None),
        ("side.html", b"<html><script>alert(1)</script>", None),
        ("billede.svg", b"<svg onload='alert(1)'/>", None),
        ("uden-endelse", b"%PDF-1.7", None),
    ],
)
def test_a_file_is_recognised_by_its_content_not_only_its_name(name, content, expected):
    assert content_type_of(name, content[:8192], lambda: content) == expected


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_files_within_the_limits_are_kept_with_their_name_and_type_by_content(settings):
    settings.ATTACHMENT_MAX_COUNT = 2
    checked = attachments_check([_upload("brev.pdf", b"%PDF-1.4"), _upload("a.txt", b"hej")])
    assert [(item.name, item.content_type) for item in checked] == [
        ("brev.pdf", "application/pdf"),
        ("a.txt", "text/plain"),
    ]


@pytest.mark.parametrize(
    ("uploads", "refused"),
    [
        ([_upload(f"brev{i}.pdf", b"%PDF-1.4") for i in range(3)], "at most 2 files"),
        ([_upload("stor.pdf", b"%PDF-1.4" + b"0" * 100)], "stor.pdf is larger than"),
        ([_upload("tom.pdf", b"")], "tom.pdf is empty"),
        ([_upload("brev.pdf", b"MZ\x90\x00")], "brev.pdf cannot be attached"),
    ],
)
def test_files_past_a_limit_are_refused_each_named(settings, uploads, refused):
    settings.ATTACHMENT_MAX_COUNT = 2
    settings.ATTACHMENT_MAX_BYTES = 100
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        attachments_check(uploads)
    assert refused in " ".join(caught.value.message_dict["attachments"])


@pytest.mark.django_db
def test_the_stored_name_says_nothing_of_the_uploaded_one(now):
    submission = Submission.objects.create(
        reference="W-2024-0001",
        submitted_at=now,
        complainant_kind="anonymous",
        what_happened="Anonym besked.",
        consents_to_contact=False,
    )
    (checked,) = attachments_check([_upload("Karen Hansen 010203-1234.pdf", b"%PDF-1.4")])
    (stored,) = attachments_create(
        SubmissionAttachment, [checked], uploaded_by=None, uploaded_at=now, submission=submission
    )
    assert stored.name == "Karen Hansen 010203-1234.pdf"
    assert re.fullmatch(r"submissions/[0-9a-f]{32}", stored.file.name)


@pytest.mark.parametrize(
    ("name", "disposition"),
    [
        ("brev.pdf", 'attachment; filename="brev.pdf"'),
        ('brev "1".pdf', 'attachment; filename="brev \\"1\\".pdf"'),
        ("afgørelse.pdf", "attachment; filename*=utf-8''afg%C3%B8relse.pdf"),
        ("a\r\nSet-Cookie: x.pdf", "attachment; filename*=utf-8''a%0D%0ASet-Cookie%3A%20x.pdf"),
    ],
)
def test_a_download_is_always_an_attachment_under_a_safely_written_name(name, disposition):
    attachment = SubmissionAttachment(name=name, content_type="application/pdf")
    attachment.file = ContentFile(b"%PDF-1.4", name="x")
    response = attachment_response(attachment)
    assert response["Content-Disposition"] == disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"%PDF-1.4"
