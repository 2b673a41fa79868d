import datetime
from collections.abc import Iterable

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessLogEntry


def access_log_write(
    *,
    user: User | None,
    action: str,
    now: datetime.datetime,
    inquiry_id: int | None = None,
    person_id: int | None = None,
    detail: str = "",
) -> AccessLogEntry:
    """Record one use of personal data. Called inside the service or view that uses the data."""
    return AccessLogEntry.objects.create(
        user=user,
        action=action,
        at=now,
        inquiry_id=inquiry_id,
        person_id=person_id,
        detail=detail,
    )


def access_log_write_many(
    *,
    user: User | None,
    action: str,
    now: datetime.datetime,
    inquiries: Iterable[tuple[int | None, int | None]],
    detail: str = "",
) -> None:
    """Record one use of several inquiries at once (a search result page), in one query."""
    AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            action=action,
            at=now,
            inquiry_id=inquiry_id,
            person_id=person_id,
            detail=detail,
        )
        for inquiry_id, person_id in inquiries
    )
