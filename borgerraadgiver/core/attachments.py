"""Files attached to a case: what may be attached, how it is stored, how it is sent back.

One module for every attachment in the app: the citizen's files in the web form, the
department's files with its answer, and next the advisor's documents on an inquiry (issue 12).

- `attachments_check` is the rule: at most `ATTACHMENT_MAX_COUNT` files at a time, each at most
  `ATTACHMENT_MAX_BYTES`, each a PDF, picture, Word document or text file *by its content*. The
  extension is the sender's claim, the first bytes are the fact (`content_type_of`, pure
  functions over bytes, tested by table).
- `Attachment` is the abstract model: the file under a neutral name (`attachment_upload_to`:
  a random name, since an uploaded name may hold personal data), the original name, the type
  judged by content, the size, who uploaded it and when.
- `attachment_download` is the download view's body: it calls the owning app's
  `…_attachment_open` service, answers 404 when that finds nothing, and sends the file with
  `attachment_response`: always a download, never shown inline, under the original name safely
  encoded, with the stored type and no sniffing.

Who may download, and the access-log row of the read, belong to the app that owns the file (this
module lies below every app): its `…_attachment_open(*, user, …, now)` service checks the
permission, finds the file through what the user may see, and logs the read.
"""

import datetime
import io
import uuid
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# --- What may be attached, judged by content -----------------------------------------------

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old Word .doc container
# Control characters that never occur in a text file (tab, line feed, form feed, CR, ESC do).
_TEXT_FORBIDDEN = bytes(set(range(32)) - {9, 10, 12, 13, 27})

ContentCheck = Callable[[bytes, Callable[[], bytes]], bool]


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
ALLOWED: dict[str, tuple[str, ContentCheck]] = {
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

    >>> content_type_of("brev.PDF", b"%PDF-1.7", bytes)
    'application/pdf'
    >>> content_type_of("brev.pdf", b"MZ", bytes) is None
    True
    """
    entry = ALLOWED.get(Path(name).suffix.lower())
    if entry is None:
        return None
    content_type, check = entry
    return content_type if check(head, data) else None


def original_name(uploaded: str | None) -> str:
    r"""The name to keep and show for an uploaded file: its last path part, printable, at most
    255 characters; "file" when nothing is left.

    >>> original_name("C:\\Users\\karen\\klage.pdf")
    'klage.pdf'
    >>> original_name("../../klage\r\n.pdf")
    'klage.pdf'
    >>> original_name(None)
    'file'
    """
    last = (uploaded or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in last if char.isprintable()).strip()[:255] or "file"


# --- The rule: count, size and type ------------------------------------------------------------


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed `attachments_check`, with the name and type to store."""

    upload: UploadedFile
    name: str
    content_type: str


def _read_all(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _check_one(upload: UploadedFile) -> CheckedFile | str:
    """The checked file, or the message saying why it is refused."""
    name = original_name(upload.name)
    if (upload.size or 0) > settings.ATTACHMENT_MAX_BYTES:
        max_mb = settings.ATTACHMENT_MAX_BYTES / (1024 * 1024)
        return _("%(name)s is larger than %(limit)s MB.") % {"name": name, "limit": f"{max_mb:g}"}
    if not upload.size:
        return _("%(name)s is empty.") % {"name": name}
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    content_type = content_type_of(name, head, lambda: _read_all(upload))
    if content_type is None:
        return _(
            "%(name)s cannot be attached: it is not a PDF, image (JPEG, PNG), Word "
            "document or text file, or its content does not match its name."
        ) % {"name": name}
    return CheckedFile(upload=upload, name=name, content_type=content_type)


def attachments_check(uploads: Sequence[UploadedFile]) -> list[CheckedFile]:
    """Every file within the count, size and type limits, its type judged by its content.

    The limits are the settings `ATTACHMENT_MAX_COUNT` (files at a time) and
    `ATTACHMENT_MAX_BYTES` (per file). Raises ValidationError on `attachments` naming every file
    refused and why; nothing is stored here.
    """
    errors: list[str] = []
    limit = settings.ATTACHMENT_MAX_COUNT
    if len(uploads) > limit:
        errors.append(
            ngettext("Attach at most %(limit)d file.", "Attach at most %(limit)d files.", limit)
            % {"limit": limit}
        )
    checked = []
    for upload in uploads:
        result = _check_one(upload)
        if isinstance(result, str):
            errors.append(result)
        else:
            checked.append(result)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def attachments_help_text() -> str:
    """What a file input says about the limits and types (the forms show it lazily)."""
    return _(
        "Up to %(count)d files of at most %(size)s MB each: PDF, pictures (JPEG, PNG), Word "
        "documents or text files (%(types)s)."
    ) % {
        "count": settings.ATTACHMENT_MAX_COUNT,
        "size": f"{settings.ATTACHMENT_MAX_BYTES / (1024 * 1024):g}",
        "types": ", ".join(allowed_extensions()),
    }


# --- Stored: the abstract model and its files ----------------------------------------------------


def attachment_upload_to(instance: "Attachment", filename: str) -> str:
    # Never the uploaded name: it may hold personal data (a name, a CPR number) or path tricks.
    # The original name is kept in the row and shown only to those allowed to see the file.
    return f"{instance.storage_folder()}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file attached to something in the register; the owning model adds the link to it.

    A concrete model names its folder under MEDIA_ROOT in `storage_folder` (what the file
    belongs to, never who it is about). Rows are written by `attachments_create` from files that
    passed `attachments_check`.
    """

    file = models.FileField(gettext_lazy("file"), upload_to=attachment_upload_to)
    name = models.CharField(gettext_lazy("file name"), max_length=255)  # as uploaded
    content_type = models.CharField(gettext_lazy("type"), max_length=100)  # judged by content
    size = models.PositiveIntegerField(gettext_lazy("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("uploaded by"),
        null=True,  # a citizen in the web form is no user; a deleted user leaves the file
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded"))

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]
        verbose_name = gettext_lazy("attachment")
        verbose_name_plural = gettext_lazy("attachments")

    def __str__(self) -> str:
        return self.name

    def storage_folder(self) -> str:
        """The folder under MEDIA_ROOT for this file, e.g. "submissions"."""
        raise NotImplementedError


A = TypeVar("A", bound=Attachment)


def attachments_create(
    model: type[A],
    files: Sequence[CheckedFile],
    *,
    uploaded_by: models.Model | None,
    uploaded_at: datetime.datetime,
    **owner: Any,
) -> list[A]:
    """Store checked files as rows of `model` belonging to `owner` (e.g. `forwarding=…`).

    Runs inside the caller's service transaction; the caller writes its own log row.
    """
    return [
        model._default_manager.create(
            file=item.upload,
            name=item.name,
            content_type=item.content_type,
            size=item.upload.size or 0,
            uploaded_by=uploaded_by,
            uploaded_at=uploaded_at,
            **owner,
        )
        for item in files
    ]


def attachment_files_delete_on_commit(model: type[Attachment], names: Iterable[str | None]) -> None:
    """Delete stored files of `model` once the transaction that removed their rows commits.

    A rollback keeps the rows, so it must keep the files too.
    """
    storage = model._meta.get_field("file").storage
    stored = [name for name in names if name]

    def delete_files() -> None:
        for name in stored:
            storage.delete(name)

    transaction.on_commit(delete_files)


# --- Sent back -------------------------------------------------------------------------------


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file as a download, for a view whose service has checked access and logged the read.

    Always `attachment` (never shown inline, where a crafted file could run in the app's
    origin), under the original name: Django writes it quoted, or RFC 5987-encoded when it is
    not plain ASCII, so no name can break the header. The type is the one judged on upload, and
    `nosniff` stops the browser from guessing another.
    """
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def attachment_download(open_attachment: Callable[[], Attachment]) -> FileResponse:
    """A download view's answer: the file `open_attachment` returns, or 404.

    `open_attachment` is the owning app's service call, which checks access, finds the file
    only among what the user may see (DoesNotExist otherwise: its existence is not revealed)
    and logs the read.
    """
    try:
        attachment = open_attachment()
    except ObjectDoesNotExist:
        raise Http404 from None
    return attachment_response(attachment)
