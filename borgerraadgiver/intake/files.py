"""What a citizen may attach: PDF, images, Word and text, recognised by content, not by name.

A file named `.pdf` that does not start like a PDF is refused: the extension is the citizen's
claim, the first bytes are the fact. Pure functions over bytes, so they are tested by table.
"""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Word .doc container
# Control characters that never occur in a text file (tab, line feed, form feed, CR, ESC do).
_TEXT_FORBIDDEN = bytes(set(range(32)) - {9, 10, 12, 13, 27})


def _is_pdf(head: bytes, data: Callable[[], bytes]) -> bool:
    return head.startswith(b"%PDF-")


def _is_png(head: bytes, data: Callable[[], bytes]) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head: bytes, data: Callable[[], bytes]) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _is_doc(head: bytes, data: Callable[[], bytes]) -> bool:
    return head.startswith(OLE_SIGNATURE)


def _zip_names(data: Callable[[], bytes]) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data())) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()


def _is_docx(head: bytes, data: Callable[[], bytes]) -> bool:
    return head.startswith(b"PK\x03\x04") and "word/document.xml" in _zip_names(data)


def _is_odt(head: bytes, data: Callable[[], bytes]) -> bool:
    # An OpenDocument file starts with its uncompressed `mimetype` member.
    return head.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument.text" in head


def _is_text(head: bytes, data: Callable[[], bytes]) -> bool:
    # No control characters a text never holds (binary files are full of NUL bytes). UTF-8 and
    # the Latin-1 family Windows still writes both pass: the check is for binary, not encoding.
    return bool(head) and not any(byte in _TEXT_FORBIDDEN for byte in head)


# extension -> (content type sent back on download, content check)
ALLOWED: dict[str, tuple[str, Callable[[bytes, Callable[[], bytes]], bool]]] = {
    ".pdf": ("application/pdf", _is_pdf),
    ".png": ("image/png", _is_png),
    ".jpg": ("image/jpeg", _is_jpeg),
    ".jpeg": ("image/jpeg", _is_jpeg),
    ".doc": ("application/msword", _is_doc),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _is_docx,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _is_odt),
    ".txt": ("text/plain", _is_text),
}

HEAD_BYTES = 8192


def allowed_extensions() -> list[str]:
    return sorted(ALLOWED)


def content_type_of(name: str, head: bytes, data: Callable[[], bytes]) -> str | None:
    """The content type to store for a file named `name` starting with `head`, or None.

    None when the extension is not on the list or the content is not what the extension says.
    `data` returns the whole file; it is read only for the formats that need it (.docx).
    """
    entry = ALLOWED.get(Path(name).suffix.lower())
    if entry is None:
        return None
    content_type, check = entry
    return content_type if check(head, data) else None
