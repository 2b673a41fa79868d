"""Writing checked inquiry rows fast: 100,000 in well under a minute.

The rows are inserted with plain parameterised `INSERT`s (`executemany`), in batches, without
building a model instance per row: at this volume Django's per-field preparation in
`bulk_create` costs more than the database. Table and column names come from the models'
metadata and values go through the backend's own adapters, so the SQL is the same on SQLite and
PostgreSQL. The ids of the new inquiries are read back by their (unique) case numbers.
Everything here runs inside the import's one transaction.
"""

import datetime
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Consent, Forwarding, ReminderSent
from borgerraadgiver.imports.base import WriteContext
from borgerraadgiver.imports.models import ImportedInquiry
from borgerraadgiver.imports.progress import Progress
from borgerraadgiver.inquiries.models import CaseNumberSequence, Inquiry, InquiryAction
from borgerraadgiver.inquiries.services.case_numbers import case_numbers_draw

BATCH = 2_000
# Fits SQLite's and PostgreSQL's limits on parameters in one statement.
LOOKUP_CHUNK = 900


class Row(NamedTuple):
    """One checked row, small: 100,000 of them are held until written."""

    received: datetime.date
    area_id: int
    department_id: int | None
    reason_ids: tuple[int, ...]
    handling_id: int
    action_ids: tuple[int, ...]
    channel: str
    complainant: str
    closed: datetime.date | None
    forwarded: datetime.date | None
    deadline: datetime.date | None
    answered: datetime.date | None
    forwarding_kind: str
    referral_body_id: int | None = None
    referred_by_id: int | None = None


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    """The backend's conversion of a date or time for the field's column, cached: an import
    repeats the same few hundred dates many times."""
    if isinstance(field, models.DateTimeField):
        return functools.lru_cache(maxsize=4096)(connection.ops.adapt_datetimefield_value)
    return functools.lru_cache(maxsize=4096)(connection.ops.adapt_datefield_value)


def rows_insert(model: type[models.Model], names: Sequence[str], rows: Iterable[Sequence]) -> None:
    """INSERT the rows (values in the order of `names`) into the model's table.

    Every other column gets the field's default, as the ORM would give it (a field added to
    the model later with a default needs no change here); `auto_now` columns get the time.
    """
    given = [model._meta.get_field(name) for name in names]
    others = [
        field
        for field in model._meta.concrete_fields
        if field not in given and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    now = timezone.now()
    defaults = [
        now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
        for field in others
    ]
    fields: list[models.Field] = [f for f in (*given, *others) if isinstance(f, models.Field)]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Only names from the models' metadata are put into the SQL; the values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    # A callable default (a new UUID, say) is called again for every row.
    per_row = [
        i for i, field in enumerate(others) if field.has_default() and callable(field.default)
    ]
    # Only dates and times need converting; the other values go to the driver as they are.
    converted = [(i, _adapter(f)) for i, f in enumerate(fields) if isinstance(f, models.DateField)]
    width = len(names)
    params = []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"{len(row)} values for {width} columns")
        values = [*row, *defaults]
        for index in per_row:
            values[width + index] = others[index].get_default()
        for index, convert in converted:
            if values[index] is not None:
                values[index] = convert(values[index])
        params.append(values)
    if not params:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # In process: executemany is a C loop over one prepared statement.
            cursor.executemany(sql, params)
            return
        # PostgreSQL: COPY streams the rows in one command (psycopg 3 adapts the values).
        raw = cursor.cursor
        with raw.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
            for row in params:
                copy.write_row(row)


def _ids_by(model: type[models.Model], column: str, keys: Sequence[Any]) -> dict[Any, int]:
    found: dict[Any, int] = {}
    for start in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[start : start + LOOKUP_CHUNK]
        found.update(
            (key, pk)
            for pk, key in model._default_manager.filter(**{f"{column}__in": chunk}).values_list(
                "pk", column
            )
        )
    return found


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _case_numbers(rows: Sequence[Row], progress: Progress) -> list[str]:
    """Case numbers for rows sorted by the date received, drawn year by year by the register's
    own `case_numbers_draw`: the year's counter stays locked until the import commits, so a
    registration at the same time waits and never gets the same number."""
    progress.phase(_("numbering"), len(rows))
    numbers: list[str] = []
    for year, wanted in sorted(Counter(row.received.year for row in rows).items()):
        numbers += case_numbers_draw(year=year, count=wanted)
        progress.advance(wanted)
    return numbers


def inquiries_write(
    rows: Sequence[Row], context: WriteContext, progress: Progress, *, today: datetime.date
) -> None:
    """Insert the inquiries with their reasons, counted actions, import marks and forwardings."""
    rows = sorted(rows, key=lambda row: row.received)
    numbers = _case_numbers(rows, progress)
    progress.phase(_("writing"), len(rows))
    user_id = context.user.pk if context.user else None
    now = context.now
    texts = _historic_texts(context.file_name)
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        ids = _inquiries_insert(chunk, numbers[start : start + BATCH], user_id=user_id, now=now)
        rows_insert(
            Inquiry.reasons.through,
            ("inquiry", "reason"),
            ((pk, reason) for pk, row in zip(ids, chunk, strict=True) for reason in row.reason_ids),
        )
        rows_insert(
            InquiryAction,
            ("inquiry", "action", "action_date", "note", "created_at"),
            (
                (pk, action, row.received, "", now)
                for pk, row in zip(ids, chunk, strict=True)
                for action in row.action_ids
            ),
        )
        rows_insert(ImportedInquiry, ("inquiry", "batch"), ((pk, context.batch_id) for pk in ids))
        forwarded = [(pk, row) for pk, row in zip(ids, chunk, strict=True) if row.forwarded]
        if forwarded:
            _forwardings_write(forwarded, user_id=user_id, now=now, today=today, texts=texts)
        progress.advance(len(chunk))


INQUIRY_COLUMNS = (
    "case_number",
    "received_date",
    "channel",
    "complainant_kind",
    "area",
    "department",
    "handling_type",
    "referral_body",
    "referred_by",
    "forwarded_as",
    "status",
    "closed_date",
    "summary",
    "version",
    "created_by",
    "created_at",
    "updated_at",
)


def _inquiries_insert(
    rows: Sequence[Row], numbers: Sequence[str], *, user_id: int | None, now: datetime.datetime
) -> list[int]:
    """Insert one inquiry per row with its case number; their ids, in the rows' order."""
    rows_insert(
        Inquiry,
        INQUIRY_COLUMNS,
        (
            (
                number,
                row.received,
                row.channel,
                row.complainant,
                row.area_id,
                row.department_id,
                row.handling_id,
                row.referral_body_id,
                row.referred_by_id,
                row.forwarding_kind if row.forwarded else "",
                Inquiry.Status.CLOSED if row.closed else Inquiry.Status.OPEN,
                row.closed,
                "",
                1,
                user_id,
                now,
                now,
            )
            for number, row in zip(numbers, rows, strict=True)
        ),
    )
    by_number = _ids_by(Inquiry, "case_number", numbers)
    return [by_number[number] for number in numbers]


def _historic_texts(file_name: str) -> dict[str, str]:
    # Stored in the office's language, so that they read the same to everyone.
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "given_by": _("Historic import"),
            "consent_note": (
                _("Imported from %(file)s; the consent was recorded outside this system.")
                % {"file": file_name}
            )[:300],
            "text": _(
                "Historic record imported from %(file)s. The text sent to the department is not "
                "in this system."
            )
            % {"file": file_name},
        }


FORWARDING_COLUMNS = (
    "inquiry",
    "area",
    "department",
    "kind",
    "text",
    "status",
    "created_by",
    "sent_date",
    "sent_at",
    "deadline_date",
    "original_deadline_date",
    "answered_date",
    "answered_at",
    "answer_read_at",
    "answer_text",
    "closed_date",
    "outcome",
    "stopped_reason",
    "created_at",
    "updated_at",
)


def _forwardings_write(
    forwarded: list[tuple[int, Row]],
    *,
    user_id: int | None,
    now: datetime.datetime,
    today: datetime.date,
    texts: dict[str, str],
) -> None:
    """The citizen's consent (as a historic import) and a sent forwarding per forwarded row.

    A deadline that passed unanswered before the import is marked as reminded, so no reminder
    e-mail goes out about it.
    """
    rows_insert(
        Consent,
        ("inquiry", "given_by", "given_date", "method", "note", "recorded_by", "recorded_at"),
        (
            # The consent methods are the channels.
            (pk, texts["given_by"], row.forwarded, row.channel, texts["consent_note"], user_id, now)
            for pk, row in forwarded
        ),
    )
    rows_insert(
        Forwarding,
        FORWARDING_COLUMNS,
        (
            _forwarding_values(pk, row, user_id=user_id, now=now, text=texts["text"])
            for pk, row in forwarded
        ),
    )
    reminded = [
        pk
        for pk, row in forwarded
        if not row.answered and row.deadline is not None and row.deadline < today
    ]
    if reminded:
        deadlines = {pk: row.deadline for pk, row in forwarded}
        by_inquiry = _ids_by(Forwarding, "inquiry_id", reminded)
        rows_insert(
            ReminderSent,
            ("forwarding", "kind", "deadline_date", "sent_at"),
            (
                (forwarding_id, kind, deadlines[inquiry_id], now)
                for inquiry_id, forwarding_id in by_inquiry.items()
                for kind in (ReminderSent.Kind.BEFORE, ReminderSent.Kind.MISSED)
            ),
        )


def _forwarding_values(
    pk: int, row: Row, *, user_id: int | None, now: datetime.datetime, text: str
) -> tuple[Any, ...]:
    """One forwarding's values, in the order of FORWARDING_COLUMNS.

    Answered and closed: closed with the outcome "answered"; answered, still open: answered and
    read (a historic answer is no news on the front page); unanswered: sent.
    """
    assert row.forwarded and row.deadline
    status, closed, outcome, answered_at, read_at = Forwarding.Status.SENT, None, "", None, None
    if row.answered:
        status, answered_at, read_at = Forwarding.Status.ANSWERED, _aware(row.answered), now
        if row.closed:
            status, closed, outcome = Forwarding.Status.CLOSED, row.closed, "answered"
    return (
        pk,
        row.area_id,
        row.department_id,
        row.forwarding_kind,
        text,
        status,
        user_id,
        row.forwarded,
        _aware(row.forwarded),
        row.deadline,
        row.deadline,
        row.answered,
        answered_at,
        read_at,
        "",
        closed,
        outcome,
        "",
        now,
        now,
    )


def imported_delete(
    ids: list[int], years: list[int], context: WriteContext, progress: Progress
) -> None:
    """Delete an earlier import of the same years: its forwardings first (they are protected)."""
    progress.phase(_("replacing"), len(ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        Forwarding.objects.filter(inquiry_id__in=chunk).delete()
        Inquiry.objects.filter(pk__in=chunk).delete()
        progress.advance(len(chunk))
    # The years now hold no inquiry at all (others refuse the import), so their case numbers
    # start again from 1, as on the first import.
    CaseNumberSequence.objects.filter(year__in=years).update(last=0)
    access_log_write(
        user=context.user,
        event=AccessEvent.IMPORTED_INQUIRIES_REPLACED,
        now=context.now,
        detail=str(len(ids)),
    )
