"""Publishing (freezing) a report and withdrawing a publication."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.reports.models import PublishedReport
from borgerraadgiver.reports.permissions import can_publish_report
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_statistics,
    statistics_as_json,
)


def report_publish(
    *, user: User, period: ReportPeriod, now: datetime.datetime, note: str = ""
) -> PublishedReport:
    """Freeze the whole office's figures for `period` as they are at `now`.

    Advisors only. Refused while an earlier publication of the same period is in force (withdraw
    it first). Writes an access-log row (aggregates only: no inquiry or person is named).
    """
    if not can_publish_report(user):
        raise PermissionDenied
    with transaction.atomic():
        if (
            PublishedReport.objects.in_force()
            .select_for_update()
            .filter(period_start=period.start, period_end=period.end)
            .exists()
        ):
            raise ValidationError(
                _(
                    "The report for %(period)s has already been published. Withdraw that "
                    "publication first to publish it again."
                )
                % {"period": period.label},
                code="already_published",
            )
        stats = report_statistics(period=period, today=timezone.localdate(now))
        report = PublishedReport(
            period_start=period.start,
            period_end=period.end,
            data=statistics_as_json(stats),
            published_at=now,
            published_by=user,
            note=note,
        )
        report.full_clean()
        report.save()
        access_log_write(
            user=user,
            event=AccessEvent.REPORT_PUBLISHED,
            now=now,
            detail=f"{period.start:%Y-%m-%d}–{period.end:%Y-%m-%d}",
        )
    return report


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
