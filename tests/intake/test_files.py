import io
import zipfile

import pytest

from borgerraadgiver.intake.files import OLE_SIGNATURE, content_type_of


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
