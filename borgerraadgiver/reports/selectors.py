"""Reads: the figures for a period, frozen if published, and the list of publications."""

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db.models import Max, Min, Q
from django.utils import timezone

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content.selectors import period_to_open
from borgerraadgiver.reports.disclosure import published_rule, statistics_shown
from borgerraadgiver.reports.editions import (
    content_as_json,
    content_from_json,
    edition_changes,
    edition_of,
)
from borgerraadgiver.reports.formats import render as render_format
from borgerraadgiver.reports.models import PublishedFile, PublishedReport, PublishedReportQuerySet
from borgerraadgiver.reports.render import FORMATS as DOCUMENT_FORMATS
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.render.builder import ReportContent
from borgerraadgiver.reports.render.document import report_content
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    ReportStatistics,
    report_period_containing,
    report_statistics,
    statistics_as_json,
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
    return PublishedReport.objects.select_related("published_by", "withdrawn_by").defer(
        "data", "content"
    )


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


def _previous_edition(report: PublishedReport) -> PublishedReport | None:
    return (
        PublishedReport.objects.not_withdrawn()
        .filter(
            period_start=report.period_start,
            period_end=report.period_end,
            edition=report.edition - 1,
        )
        .only("published_at")
        .first()
    )


def frozen_content(report: PublishedReport) -> ReportContent | None:
    """A publication's own words (None: published before the words were frozen too)."""
    if report.content is None:
        return None
    previous = _previous_edition(report) if report.edition > 1 else None
    return content_from_json(
        report.content,
        edition=edition_of(
            number=report.edition,
            published_on=timezone.localdate(report.published_at),
            previous_on=timezone.localdate(previous.published_at) if previous else None,
            changes=list(report.changes),
            note=report.note,
        ),
    )


def published_file(report: PublishedReport, fmt: str) -> bytes | None:
    """A published edition's file exactly as it was published (None: not kept, for a report
    published before its files were)."""
    content = (
        PublishedFile.objects.filter(report=report, format=fmt)
        .values_list("content", flat=True)
        .first()
    )
    return bytes(content) if content is not None else None


def published_document(report: PublishedReport, fmt: str) -> bytes:
    """A published edition as a document: its kept file, byte for byte; for an edition
    published before files were kept, rendered from its frozen figures (and the words as they
    are)."""
    kept = published_file(report, fmt)
    if kept is not None:
        return kept
    stats = statistics_shown(statistics_from_json(report.data), published_rule())
    return render(fmt, stats, content=frozen_content(report))


def figures_file(figures: ReportFigures, fmt: str, *, template: Path | None = None) -> bytes:
    """The figures in `fmt` (JSON, CSV, XLSX, HTML, DOCX, PDF): a published edition's
    document is its kept file, byte for byte (rendered again from its frozen figures and words
    only into a Word template)."""
    published = figures.published
    if published is not None and fmt in DOCUMENT_FORMATS:
        if template is None:
            return published_document(published, fmt)
        stats = statistics_shown(figures.stats, published_rule())
        return render_format(fmt, stats, template=template, content=frozen_content(published))
    return render_format(fmt, figures.stats, template=template)


@dataclass(frozen=True)
class DocumentFile:
    """A report document's bytes, and the edition it is (None: the report as it is now)."""

    content: bytes
    published: PublishedReport | None


def report_document_for_year(
    *, year: int, fmt: str, today: datetime.date, published_only: bool, draft: bool = False
) -> DocumentFile:
    """The year's report in `fmt`: the edition in force, byte for byte, if one is published
    (unless `draft`: the report as it is now, a draft for a corrected edition), else the live
    report (raises LookupError when `published_only` and nothing is published)."""
    period = report_period_for_year(year, office=Office.load())
    published = published_report_get(period=period)
    if published is not None and not draft:
        return DocumentFile(published_document(published, fmt), published)
    if published_only:
        raise LookupError(year)
    return DocumentFile(render(fmt, report_statistics(period=period, today=today)), None)


def report_document_must_render(*, year: int, draft: bool) -> bool:
    """Whether the year's document has to be rendered (nothing published, or the draft of a
    corrected edition asked for) rather than sent as the kept file of the edition in force."""
    if draft:
        return True
    return published_report_get(period=report_period_for_year(year, office=Office.load())) is None


def report_edition_get(*, pk: int, include_withdrawn: bool) -> PublishedReport:
    """One edition (raises PublishedReport.DoesNotExist); a withdrawn one only if asked for."""
    editions = PublishedReport.objects.all()
    if not include_withdrawn:
        editions = editions.not_withdrawn()
    return editions.defer("data", "content").get(pk=pk)


@dataclass(frozen=True)
class Snapshot:
    """The whole report for a period as it is now: figures and words, as stored JSON."""

    figures: dict[str, Any]
    content: dict[str, Any]


def report_snapshot(*, period: ReportPeriod, now: datetime.datetime) -> Snapshot:
    """The whole office's report for `period` as it is at `now`."""
    stats = report_statistics(period=period, today=timezone.localdate(now))
    return Snapshot(statistics_as_json(stats), content_as_json(report_content(stats)))


def snapshot_changes(previous: PublishedReport, snapshot: Snapshot) -> list[str]:
    """What a corrected edition made of `snapshot` would change since `previous`."""
    return edition_changes(
        old_figures=previous.data,
        old_content=previous.content,
        new_figures=snapshot.figures,
        new_content=snapshot.content,
    )


@dataclass(frozen=True)
class EditionsOfPeriod:
    """A period's editions, newest first, and what changed since the one in force."""

    period: ReportPeriod
    editions: list[PublishedReport]
    in_force: PublishedReport | None
    draft_changes: list[str]


def report_editions(*, period: ReportPeriod, now: datetime.datetime) -> EditionsOfPeriod:
    """Every edition of the period (withdrawn ones too) and, if one is in force, the changes
    a corrected edition published now would carry (empty: nothing to correct)."""
    editions = list(
        published_report_list().filter(period_start=period.start, period_end=period.end)
    )
    in_force = next((e for e in editions if e.is_in_force), None)
    changes: list[str] = []
    if in_force is not None:
        full = PublishedReport.objects.only("data", "content").get(pk=in_force.pk)
        changes = snapshot_changes(full, report_snapshot(period=period, now=now))
    return EditionsOfPeriod(period, editions, in_force, changes)
