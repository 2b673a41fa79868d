"""The uploaded file between the check and the import, kept where only its uploader finds it.

The administrator's file is stored under MEDIA_ROOT/imports/<user id>/ with a random name (the
upload's own name may hold personal data, and is kept in the session only). It is deleted when
imported or cancelled, and any left over for a day is deleted at the next upload. MEDIA_ROOT is
never served directly (see settings).
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from borgerraadgiver.accounts.models import User

KEEP_SECONDS = 24 * 60 * 60


def _folder(user: User) -> Path:
    return Path(settings.MEDIA_ROOT) / "imports" / str(user.pk)


def upload_store(*, user: User, file: UploadedFile) -> str:
    """Store the upload; return the token that finds it again."""
    folder = _folder(user)
    folder.mkdir(parents=True, exist_ok=True)
    _clean(folder)
    token = secrets.token_hex(16)
    with (folder / token).open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    return token


def upload_path(*, user: User, token: str) -> Path | None:
    """The stored file, if the token is this user's and the file is still there."""
    if len(token) != 32 or not all(c in "0123456789abcdef" for c in token):
        return None
    path = _folder(user) / token
    return path if path.is_file() else None


def upload_discard(*, user: User, token: str) -> None:
    path = upload_path(user=user, token=token)
    if path is not None:
        path.unlink(missing_ok=True)


def _clean(folder: Path) -> None:
    limit = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
