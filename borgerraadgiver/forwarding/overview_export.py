"""The forwarding overview as CSV or an Excel workbook, with the page's own filters.

The rows come from the page's selector (`owed_list`, which starts from `visible_to` and refuses
anyone but an advisor), read in chunks with `iterator()`. Like the inquiry list's export, each
download is an access to the inquiries it lists: one access-log row (action export) per
inquiry, naming its person, and one more with the format, the filters and the count, all written
before the first row is sent.
"""

import datetime
from collections.abc import Iterator
from dataclasses import asdict

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.core.spreadsheets import Cell, csv_response, xlsx_response
from borgerraadgiver.core.text import first_words
from borgerraadgiver.forwarding.overview import OwedFilters, owed_list, owed_rows, with_set_deadline
from borgerraadgiver.organisation.models import ClosingDay

FORMATS = ("csv", "xlsx")
CHUNK = 2_000


def _headers() -> list[str]:
    return [
        _("Department or area"),
        _("Type"),
        _("Case number"),
        _("About"),
        _("Sent"),
        _("Deadline"),
        _("Later date asked for"),
        _("Working days left"),
        _("Working days overdue"),
        _("Answer"),
    ]


def owed_export_rows(
    *, user: User, filters: OwedFilters, today: datetime.date
) -> Iterator[list[Cell]]:
    """The overview's rows in its order, as plain cells, read 2,000 at a time."""
    forwardings = with_set_deadline(owed_list(user=user, filters=filters, today=today))
    rows = owed_rows(
        forwardings.iterator(chunk_size=CHUNK), today=today, closing=ClosingDay.objects.as_set()
    )
    for row in rows:
        forwarding = row.forwarding
        yield [
            forwarding.place,
            forwarding.get_kind_display(),
            forwarding.inquiry.case_number,
            first_words(forwarding.inquiry.summary),
            forwarding.sent_date,
            row.set_deadline_date,
            row.deadline_date if row.later_date_asked else None,
            row.working_days_left,
            row.working_days_overdue,
            str(row.state.label),
        ]


def _log(
    *, user: User, filters: OwedFilters, today: datetime.date, fmt: str, now: datetime.datetime
) -> None:
    shown = ", ".join(f"{key}={value}" for key, value in asdict(filters).items() if value)
    detail = f"{_('forwardings')} {fmt}: {shown}".rstrip(": ")
    pairs = owed_list(user=user, filters=filters, today=today).values_list(
        "inquiry_id", "inquiry__person_id"
    )
    batch: list[tuple[int | None, int | None]] = []
    count = 0
    for pair in pairs.iterator(chunk_size=CHUNK):
        batch.append(pair)
        count += 1
        if len(batch) == CHUNK:
            access_log_write_many(
                user=user,
                event=AccessEvent.INQUIRIES_EXPORTED,
                now=now,
                inquiries=batch,
                detail=detail,
            )
            batch = []
    if batch:
        access_log_write_many(
            user=user, event=AccessEvent.INQUIRIES_EXPORTED, now=now, inquiries=batch, detail=detail
        )
    access_log_write(
        user=user, event=AccessEvent.INQUIRIES_EXPORTED, now=now, detail=f"{detail}; {count}"
    )


def owed_export(
    *, user: User, filters: OwedFilters, fmt: str, now: datetime.datetime, today: datetime.date
) -> StreamingHttpResponse | FileResponse:
    """The filtered overview as a download; logged before the first row is sent. Advisors only
    (PermissionDenied from `owed_list`)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    _log(user=user, filters=filters, today=today, fmt=fmt, now=now)
    filename = f"{_('forwardings')}-{today:%Y-%m-%d}.{fmt}"
    rows = owed_export_rows(user=user, filters=filters, today=today)
    if fmt == "csv":
        return csv_response(filename=filename, headers=_headers(), rows=rows)
    return xlsx_response(filename=filename, sheet=_("Forwardings"), headers=_headers(), rows=rows)
