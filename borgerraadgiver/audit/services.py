import calendar
import datetime
from collections.abc import Iterable
from typing import Any, cast

from django.db import connections, router, transaction
from django.db.models import Field

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.event_actions import EVENT_ACTIONS
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.organisation.models import Office


def _entry(
    *,
    user: User | None,
    event: AccessEvent,
    now: datetime.datetime,
    inquiry_id: int | None,
    person_id: int | None,
    detail: str,
) -> AccessLogEntry:
    return AccessLogEntry(
        user=user,
        username=user.get_username() if user is not None else "",
        event=event,
        action=EVENT_ACTIONS[event],
        at=now,
        inquiry_id=inquiry_id,
        person_id=person_id,
        detail=detail,
    )


def access_log_write(
    *,
    user: User | None,
    event: AccessEvent,
    now: datetime.datetime,
    inquiry_id: int | None = None,
    person_id: int | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Record one use of personal data. Called inside the service or view that uses the data.

    `event` says what happened (and so the row's action); `detail` carries only its data.
    """
    entry = _entry(
        user=user,
        event=event,
        now=now,
        inquiry_id=inquiry_id,
        person_id=person_id,
        detail=detail,
    )
    entry.save()
    return entry


# The columns `access_log_write_many` writes, in its INSERT's order.
_MANY_COLUMNS = ("at", "user", "action", "inquiry_id", "person_id", "event", "username", "detail")


def access_log_write_many(
    *,
    user: User | None,
    event: AccessEvent,
    now: datetime.datetime,
    inquiries: Iterable[tuple[int | None, int | None]],
    detail: str = "",
) -> None:
    """Record one use of several inquiries at once (a list or search page), in one transaction.

    The rows differ only in their inquiry and person, so one INSERT is prepared once and run for
    each pair (`executemany`): a model instance per row and a 50-row INSERT compiled anew took
    a tenth of a list page's time. The values are converted by the model's own fields.
    """
    pairs = list(inquiries)
    if not pairs:
        return
    connection = connections[router.db_for_write(AccessLogEntry)]
    meta = AccessLogEntry._meta
    fields = [cast("Field[Any, Any]", meta.get_field(name)) for name in _MANY_COLUMNS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    at, user_id, action, _inquiry, _person, event_value, username, detail_value = (
        field.get_db_prep_save(value, connection)
        for field, value in zip(
            fields,
            (
                now,
                user.pk if user is not None else None,
                EVENT_ACTIONS[event],
                None,
                None,
                event,
                user.get_username() if user is not None else "",
                detail,
            ),
            strict=True,
        )
    )
    rows = [
        (at, user_id, action, inquiry_id, person_id, event_value, username, detail_value)
        for inquiry_id, person_id in pairs
    ]
    with transaction.atomic(using=connection.alias, savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def access_log_cutoff(*, now: datetime.datetime, months: int) -> datetime.datetime:
    """The moment `months` calendar months before `now`; the 31st falls back to the month's end."""
    month_index = now.year * 12 + (now.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    day = min(now.day, calendar.monthrange(year, month)[1])
    return now.replace(year=year, month=month, day=day)


@transaction.atomic
def access_log_clean(*, now: datetime.datetime, months: int | None = None) -> int:
    """Delete the access-log rows older than the office's retention for the log (6 months).

    The only way rows leave the log. It writes one row of its own saying how many rows before
    which moment were deleted; nothing of the deleted rows is kept. Returns the count deleted.
    """
    if months is None:
        months = Office.load().access_log_retention_months
    cutoff = access_log_cutoff(now=now, months=months)
    deleted = AccessLogEntry.objects.filter(at__lt=cutoff).purge()
    access_log_write(
        user=None,
        event=AccessEvent.ACCESS_LOG_CLEANED,
        now=now,
        detail=f"{deleted} entries before {cutoff.isoformat()} deleted (kept for {months} months)",
    )
    return deleted
