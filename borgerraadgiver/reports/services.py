"""Publishing (freezing) a report, publishing a corrected edition, withdrawing a publication.

A publication freezes the whole document: the figures (the JSON contract), the texts and the
approved case examples (their own copies), and the files rendered from them (HTML, Word, PDF),
kept byte for byte. The files are rendered before the transaction, so the row lock is held only
while the rows are written.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.reports.disclosure import published_rule, statistics_shown
from borgerraadgiver.reports.editions import (
    content_from_json,
    edition_of,
)
from borgerraadgiver.reports.models import PublishedFile, PublishedReport
from borgerraadgiver.reports.permissions import can_publish_report
from borgerraadgiver.reports.render import FORMATS, render
from borgerraadgiver.reports.selectors import (
    Snapshot,
    published_report_get,
    report_snapshot,
    snapshot_changes,
)
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    statistics_from_json,
)

ALREADY_PUBLISHED = gettext_lazy(
    "The report for %(period)s has already been published. Withdraw that publication first "
    "to publish it again, or publish a corrected edition."
)
NOTHING_CHANGED = gettext_lazy(
    "Nothing has changed since edition %(edition)d: the texts, the case examples and the "
    "figures are the same."
)
NOT_PUBLISHED = gettext_lazy("The report for %(period)s is not published: publish it first.")
CHANGED_MEANWHILE = gettext_lazy(
    "Another edition was published meanwhile. Look at the changes again, then publish."
)


def _render_files(
    snapshot: Snapshot,
    *,
    edition: int,
    now: datetime.datetime,
    previous: PublishedReport | None,
    changes: list[str],
    note: str,
) -> dict[str, bytes]:
    """The edition's files, rendered from its own frozen figures and words."""
    content = content_from_json(
        snapshot.content,
        edition=edition_of(
            number=edition,
            published_on=timezone.localdate(now),
            previous_on=timezone.localdate(previous.published_at) if previous else None,
            changes=changes,
            note=note,
        ),
    )
    # The figures stay exact in the JSON; the documents show what the office chose.
    stats = statistics_shown(statistics_from_json(snapshot.figures), published_rule())
    return {fmt: render(fmt, stats, content=content) for fmt in FORMATS}


def _save(
    *,
    user: User,
    period: ReportPeriod,
    now: datetime.datetime,
    note: str,
    snapshot: Snapshot,
    files: dict[str, bytes],
    edition: int,
    changes: list[str],
) -> PublishedReport:
    report = PublishedReport(
        period_start=period.start,
        period_end=period.end,
        edition=edition,
        data=snapshot.figures,
        content=snapshot.content,
        changes=changes,
        published_at=now,
        published_by=user,
        note=note,
    )
    report.full_clean()
    report.save()
    PublishedFile.objects.bulk_create(
        PublishedFile(report=report, format=fmt, content=data, sha256=PublishedFile.digest(data))
        for fmt, data in files.items()
    )
    access_log_write(
        user=user,
        event=AccessEvent.REPORT_PUBLISHED,
        now=now,
        detail=f"{period.start:%Y-%m-%d}–{period.end:%Y-%m-%d}, edition {edition}",
    )
    return report


def _in_force(period: ReportPeriod) -> PublishedReport | None:
    return (
        PublishedReport.objects.in_force()
        .select_for_update()
        .filter(period_start=period.start, period_end=period.end)
        .first()
    )


def report_publish(
    *, user: User, period: ReportPeriod, now: datetime.datetime, note: str = ""
) -> PublishedReport:
    """Freeze the whole office's report for `period` as it is at `now`: figures, texts, case
    examples and the rendered files (edition 1).

    Advisors only. Refused while a publication of the same period is in force (withdraw it, or
    publish a corrected edition). Writes an access-log row (aggregates only: no person).
    """
    if not can_publish_report(user):
        raise PermissionDenied
    snapshot = report_snapshot(period=period, now=now)
    files = _render_files(snapshot, edition=1, now=now, previous=None, changes=[], note=note)
    with transaction.atomic():
        if _in_force(period) is not None:
            raise ValidationError(
                ALREADY_PUBLISHED % {"period": period.label}, code="already_published"
            )
        return _save(
            user=user,
            period=period,
            now=now,
            note=note,
            snapshot=snapshot,
            files=files,
            edition=1,
            changes=[],
        )


def report_publish_correction(
    *, user: User, period: ReportPeriod, now: datetime.datetime, note: str = ""
) -> PublishedReport:
    """Publish a corrected edition of the report in force for `period`: the texts, examples
    and figures as they are now, with what changed since that edition, which it replaces. The
    replaced edition and its files are kept as they were.

    Advisors only. Refused when nothing is published, or when nothing has changed.
    """
    if not can_publish_report(user):
        raise PermissionDenied
    previous = published_report_get(period=period)
    if previous is None:
        raise ValidationError(NOT_PUBLISHED % {"period": period.label}, code="not_published")
    snapshot = report_snapshot(period=period, now=now)
    changes = snapshot_changes(previous, snapshot)
    if not changes:
        raise ValidationError(
            NOTHING_CHANGED % {"edition": previous.edition}, code="nothing_changed"
        )
    edition = previous.edition + 1
    files = _render_files(
        snapshot, edition=edition, now=now, previous=previous, changes=changes, note=note
    )
    with transaction.atomic():
        locked = _in_force(period)
        if locked is None or locked.pk != previous.pk:
            raise ValidationError(CHANGED_MEANWHILE, code="changed_meanwhile")
        previous.superseded_at = now
        previous.save(update_fields=["superseded_at"])
        return _save(
            user=user,
            period=period,
            now=now,
            note=note,
            snapshot=snapshot,
            files=files,
            edition=edition,
            changes=changes,
        )


def report_withdraw(
    *, user: User, report: PublishedReport, now: datetime.datetime, note: str = ""
) -> PublishedReport:
    """Withdraw a publication so the period can be published again; the row is kept."""
    if not can_publish_report(user):
        raise PermissionDenied
    with transaction.atomic():
        report = PublishedReport.objects.select_for_update().get(pk=report.pk)
        if not report.is_in_force:
            raise ValidationError(
                _("This publication has already been withdrawn."), code="withdrawn"
            )
        report.withdrawn_at = now
        report.withdrawn_by = user
        report.withdrawn_note = note
        report.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_note"])
        access_log_write(
            user=user,
            event=AccessEvent.REPORT_WITHDRAWN,
            now=now,
            detail=str(report),
        )
    return report
