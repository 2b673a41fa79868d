"""Reads: the figures for a period, frozen if published, and the list of publications."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Min, Q

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content.selectors import period_to_open
from borgerraadgiver.reports.models import PublishedReport, PublishedReportQuerySet
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    ReportStatistics,
    report_period_containing,
    report_statistics,
    statistics_from_json,
)


@dataclass(frozen=True)
class ReportFigures:
    """The figures to show, and the publication they come from (None: live figures)."""

    stats: ReportStatistics
    published: PublishedReport | None


def published_report_get(*, period: ReportPeriod) -> PublishedReport | None:
    """The publication in force for exactly this period, if any."""
    return (
        PublishedReport.objects.in_force()
        .filter(period_start=period.start, period_end=period.end)
        .select_related("published_by")
        .first()
    )


def report_figures(
    *,
    period: ReportPeriod,
    area: Area | None = None,
    department: Department | None = None,
    today: datetime.date,
    published: bool | None = None,
) -> ReportFigures:
    """The frozen figures of a published period, else the live ones.

    `published=True` insists on the frozen figures (None if there are none is the caller's
    error); `False` always computes live. A filter by area or department is always live: a
    publication freezes the whole office's report.
    """
    if published is not False and area is None and department is None:
        frozen = published_report_get(period=period)
        if frozen is not None:
            return ReportFigures(statistics_from_json(frozen.data), frozen)
        if published:
            raise PublishedReport.DoesNotExist(period.label)
    return ReportFigures(
        report_statistics(period=period, area=area, department=department, today=today), None
    )


def published_report_list() -> PublishedReportQuerySet:
    return PublishedReport.objects.select_related("published_by", "withdrawn_by").defer("data")


@dataclass(frozen=True)
class ReportYears:
    """The report years a page offers (newest first) and the one it opens on."""

    years: list[int]
    opening: int


def report_years(*, office: Office, today: datetime.date) -> ReportYears:
    """The report years from the first inquiry's to this one, newest first, and the year to
    open on: the latest with registrations, the current one once it has some (one query)."""
    dates = Inquiry.objects.aggregate(
        first=Min("received_date"), last=Max("received_date", filter=Q(received_date__lte=today))
    )
    oldest = report_period_containing(dates["first"] or today, office=office).start.year
    newest = report_period_containing(today, office=office).start.year
    opening = period_to_open(dates["last"], today=today, office=office).start.year
    return ReportYears(list(range(newest, min(oldest, newest) - 1, -1)), opening)


def report_document_for_year(
    *, year: int, fmt: str, today: datetime.date, published_only: bool
) -> bytes:
    """The year's report rendered in `fmt`: the frozen figures of a published report if there
    is one, else the live figures (raises LookupError when `published_only` and nothing is
    published). The texts and examples are the year's current ones."""
    period = report_period_for_year(year, office=Office.load())
    try:
        figures = report_figures(
            period=period, today=today, published=True if published_only else None
        )
    except PublishedReport.DoesNotExist:
        raise LookupError(year) from None
    return render(fmt, figures.stats)
