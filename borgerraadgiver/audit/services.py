import calendar
import datetime
from collections.abc import Iterable

from django.db import transaction

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


def access_log_write_many(
    *,
    user: User | None,
    event: AccessEvent,
    now: datetime.datetime,
    inquiries: Iterable[tuple[int | None, int | None]],
    detail: str = "",
) -> None:
    """Record one use of several inquiries at once (a search result page), in one query."""
    AccessLogEntry.objects.bulk_create(
        _entry(
            user=user,
            event=event,
            now=now,
            inquiry_id=inquiry_id,
            person_id=person_id,
            detail=detail,
        )
        for inquiry_id, person_id in inquiries
    )


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
