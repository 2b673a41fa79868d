"""The archive delivery: the data due for removal, written as a documented package first.

A folder `retention-<YYYYMMDDTHHMMSS>` under the chosen directory:

    README.txt              what the package is and how to read it (ARCHIVE_README below)
    manifest.json           the package: format, office, rule, one entry per inquiry
    inquiries/<id>.json     one inquiry with everything held on it (privacy.records)
    attachments/<id>/<attachment id>-<file name>
                            the files attached to the department's answers
    attachments/<id>/web-form-<attachment id>-<file name>
                            the files the citizen sent with the web form
    attachments/<id>/document-<file id>-<file name>
                            the files of the advisor's documents on the inquiry

The package is written to a temporary folder beside the target and renamed into place only when
complete, so a package that exists is whole; removal proceeds only after that.
"""

import datetime
import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy.records import FORMAT_VERSION, inquiries_for_records, inquiry_record

ARCHIVE_CHUNK = 500
ARCHIVE_README = """\
Archive delivery from {office}
===============================

Personal data of inquiries (henvendelser) due for removal under the office's retention rule:
personal data is removed {years} years after an inquiry was closed. This package holds that data
as it was held, before removal. Written {created_at}.

Files
-----
manifest.json
    format_version   {format_version}
    office           the office and municipality
    created_at       when the package was written (ISO 8601)
    rule             the retention rule applied and the day it was applied for
    inquiries        one entry per inquiry: id, case_number, closed_date, due_date, file,
                     sha256 (of the inquiry's JSON file), attachments (files and their sha256)
inquiries/<id>.json
    One inquiry (UTF-8 JSON). Dates are ISO 8601 (YYYY-MM-DD), times ISO 8601 with offset.
    id, case_number, received_date, channel, complainant_kind,
    person           null for an anonymous inquiry; else id, name, phone, email, address,
                     cpr (DDMMYY-SSSS), registered_at
    area, department, reasons (list), handling, referred_to, summary, status, closed_date,
    advisor (user name), follow_up_date,
    contacts         date, kind, note, registered_by
    counted_actions  date, action, note
    changes          at, field, before, after: the inquiry's change record
    notes            the advisor's internal notes: written_at, by, text
    documents        the advisor's documents: id, title, description, added_at, added_by,
                     files (id, name, content_type, size)
    consents         given_by, given_date, method, note, withdrawn_date, withdrawn_note
    declined_forwarding  the citizen did not want the case forwarded: said_by, date, method,
                     note
    forwardings      id, kind, department, status, text (sent to the department),
                     shared_name and shared_cpr (masked; who the citizen is, if the advisor
                     shared it with the department), sent_date, deadline_date, answered_date,
                     answer_text, closed_date, outcome, stopped_reason,
                     withdrawn_answers (answered_date, answer_text, withdrawn_at, reason),
                     extensions (previous_deadline_date, new_deadline_date,
                     reason, citizen_informed), follow_up_questions (asked_date, text,
                     deadline_date, answered_date, answer_text), attachments (id, name,
                     content_type, size, uploaded_at)
    web_form_submissions  what the citizen sent through the web form: reference,
                     submitted_at, name, phone, email, address, what_happened, what_they_want,
                     consents_to_contact, attachments (id, name, content_type, size)
attachments/<inquiry id>/<attachment id>-<file name>
    The files attached to the department's answers, byte for byte.
attachments/<inquiry id>/web-form-<attachment id>-<file name>
    The files the citizen sent with the web form, byte for byte.
attachments/<inquiry id>/document-<file id>-<file name>
    The files of the advisor's documents on the inquiry, byte for byte.
"""


def _safe(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name, flags=re.UNICODE).strip("._") or "file"


def _in_order(inquiry_ids: list[int]) -> Iterator[Inquiry]:
    """The inquiries with all they hold, in the given order, loaded a chunk at a time."""
    for start in range(0, len(inquiry_ids), ARCHIVE_CHUNK):
        chunk = inquiry_ids[start : start + ARCHIVE_CHUNK]
        loaded = {inquiry.pk: inquiry for inquiry in inquiries_for_records(chunk)}
        yield from (loaded[pk] for pk in chunk if pk in loaded)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(65536), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _attachments_copy(work: Path, inquiry: Any) -> list[dict[str, str]]:
    """Copy the inquiry's files (answers', web form's and documents') into the package, with
    checksums."""
    stored: list[tuple[str, Any]] = (
        [
            (f"{attachment.pk}-{attachment.name}", attachment)
            for forwarding in inquiry.forwardings.all()
            for attachment in forwarding.attachments.all()
        ]
        + [
            (f"web-form-{attachment.pk}-{attachment.name}", attachment)
            for submission in inquiry.submissions.all()
            for attachment in submission.attachments.all()
        ]
        + [
            (f"document-{file.pk}-{file.name}", file)
            for document in inquiry.documents.all()
            for file in document.files.all()
        ]
    )
    files = []
    for file_name, attachment in stored:
        relative = Path("attachments") / str(inquiry.pk) / _safe(file_name)
        (work / relative).parent.mkdir(parents=True, exist_ok=True)
        with attachment.file.open("rb") as source, (work / relative).open("wb") as out:
            shutil.copyfileobj(source, out)
        files.append({"file": relative.as_posix(), "sha256": _sha256(work / relative)})
    return files


def _inquiry_write(work: Path, inquiry: Any, *, due_date: datetime.date) -> dict[str, Any]:
    """One inquiry's JSON and files into the package; its entry in the manifest."""
    path = work / "inquiries" / f"{inquiry.pk}.json"
    path.write_text(
        json.dumps(
            inquiry_record(inquiry, cpr="full"), ensure_ascii=False, indent=2, sort_keys=True
        ),
        encoding="utf-8",
    )
    return {
        "id": inquiry.pk,
        "case_number": inquiry.case_number,
        "closed_date": inquiry.closed_date.isoformat() if inquiry.closed_date else None,
        "due_date": due_date.isoformat(),
        "file": f"inquiries/{inquiry.pk}.json",
        "sha256": _sha256(path),
        "attachments": _attachments_copy(work, inquiry),
    }


def _manifest_and_readme_write(
    work: Path,
    entries: list[dict[str, Any]],
    *,
    now: datetime.datetime,
    today: datetime.date,
    years: int,
) -> None:
    office = Office.load()
    manifest = {
        "format_version": FORMAT_VERSION,
        "office": {"name": office.name, "municipality": office.municipality},
        "created_at": now.isoformat(),
        "rule": {
            "retention_years": years,
            "applied_for": today.isoformat(),
            "text": f"closed_date + {years} years <= {today.isoformat()}",
        },
        "inquiries": entries,
    }
    (work / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (work / "README.txt").write_text(
        ARCHIVE_README.format(
            office=office.name,
            years=years,
            created_at=now.isoformat(),
            format_version=FORMAT_VERSION,
        ),
        encoding="utf-8",
    )


def archive_write(
    *,
    directory: Path,
    inquiry_ids: list[int],
    now: datetime.datetime,
    today: datetime.date,
    years: int,
    due_dates: dict[int, datetime.date],
) -> Path:
    """Write the package for `inquiry_ids` under `directory`; returns its folder.

    Raises OSError (or anything the storage raises) if a file cannot be written; then no
    package is left behind and the caller must not remove anything.
    """
    name = f"retention-{now:%Y%m%dT%H%M%S}"
    target = directory / name
    if target.exists():
        raise FileExistsError(target)
    directory.mkdir(parents=True, exist_ok=True)
    work = directory / f".{name}.partial"
    if work.exists():
        shutil.rmtree(work)
    try:
        (work / "inquiries").mkdir(parents=True)
        entries = [
            _inquiry_write(work, inquiry, due_date=due_dates[inquiry.pk])
            for inquiry in _in_order(inquiry_ids)
        ]
        _manifest_and_readme_write(work, entries, now=now, today=today, years=years)
        work.rename(target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target
