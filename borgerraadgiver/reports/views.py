"""The statistics page, its charts and downloads, and publishing (freezing) a report.

For advisors and report readers (`can_read_statistics`); only advisors publish. Everything here
is aggregate: no person, summary or case number is read or shown.
"""

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.organisation.small_numbers import minus, plus
from borgerraadgiver.reports import charts
from borgerraadgiver.reports.background import BACKGROUND_FORMATS, statistics_document_start
from borgerraadgiver.reports.disclosure import rule_for, statistics_shown
from borgerraadgiver.reports.formats import (
    CONTENT_TYPES,
    FORMATS,
    FormatError,
    filename,
)
from borgerraadgiver.reports.forms import (
    PublishForm,
    Selection,
    StatisticsFilterForm,
    WithdrawForm,
    department_too_small,
)
from borgerraadgiver.reports.models import PublishedReport
from borgerraadgiver.reports.permissions import can_publish_report, can_read_statistics
from borgerraadgiver.reports.selectors import (
    ReportFigures,
    figures_file,
    published_report_get,
    published_report_list,
    report_figures,
    report_years,
)
from borgerraadgiver.reports.services import report_publish, report_withdraw
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    ReportStatistics,
    report_period_containing,
)


def _require_reader(request: AuthedRequest) -> None:
    if not can_read_statistics(request.user):
        raise PermissionDenied


def _require_publisher(request: AuthedRequest) -> None:
    if not can_publish_report(request.user):
        raise PermissionDenied


def _selection(request: AuthedRequest) -> tuple[StatisticsFilterForm, Selection]:
    office = Office.load()
    today = timezone.localdate()
    years = report_years(office=office, today=today)
    form = StatisticsFilterForm(
        request.GET or None,
        office=office,
        years=years.years,
        opening=years.opening,
        rule=rule_for(request.user),
    )
    return form, form.selection()


def _figures(
    request: AuthedRequest, form: StatisticsFilterForm, selection: Selection
) -> tuple[Selection, ReportFigures]:
    """The figures as the user may see them: exact for an advisor, with small counts hidden
    for anyone else. A reader's filter on a department with fewer inquiries than the
    threshold is refused (its every figure would be hidden) and left out."""
    rule = rule_for(request.user)

    def compute(chosen: Selection) -> ReportFigures:
        return report_figures(
            period=chosen.period,
            area=chosen.area,
            department=chosen.department,
            today=timezone.localdate(),
            published=False if chosen.live else None,
        )

    figures = compute(selection)
    if selection.department is not None and rule.hides(figures.stats.total or 0):
        form.add_error("department", department_too_small(rule))
        selection = dataclasses.replace(selection, department=None, area=None)
        figures = compute(selection)
    return selection, ReportFigures(statistics_shown(figures.stats, rule), figures.published)


def _query(selection: Selection, **extra: str) -> str:
    """The query string that selects the same figures (for chart and download links)."""
    query = QueryDict(mutable=True)
    query["start"] = selection.period.start.isoformat()
    query["end"] = selection.period.end.isoformat()
    if selection.department is not None:
        query["department"] = str(selection.department.pk)
    elif selection.area is not None:
        query["area"] = str(selection.area.pk)
    if selection.live:
        query["live"] = "1"
    query.update(extra)
    return query.urlencode()


def _rows_with_previous(
    current: dict[str, int | None],
    previous: dict[str, int | None],
    percent: dict[str, int | None] | None = None,
) -> list[dict]:
    names = list(current) + [name for name in previous if name not in current]
    return [
        {
            "name": name,
            "percent": (percent or {}).get(name),
            "count": current.get(name, 0),
            "previous": previous.get(name, 0),
            "change": minus(current.get(name, 0), previous.get(name, 0)),
        }
        for name in names
    ]


def _summary_rows(stats: ReportStatistics) -> list[dict]:
    """The summary's figures beside the previous period's, by kind of handling."""
    kinds = {h.name: h.kind for h in stats.by_handling}
    previous: dict[str, int | None] = defaultdict(int)
    for handling in stats.previous_by_handling:
        key = kinds.get(handling.name, "")
        previous[key] = plus(previous[key], handling.count)
    previous["involved"] = plus(previous["dialogue"], previous["forwarded"])
    rows = [
        (_("Answered by the advisor alone (advice only)"), stats.advice_only, "advice"),
        (_("The administration involved (dialogue and forwarded)"), stats.involved, "involved"),
        (_("Dialogue cases"), stats.dialogue, "dialogue"),
        (_("Forwarded complaints"), stats.forwarded, "forwarded"),
        (_("Other handling"), stats.other, "other"),
    ]
    percent = {"advice": stats.advice_only_percent, "involved": stats.involved_percent}
    return [
        {
            "name": name,
            "count": count,
            "percent": percent.get(key),
            "previous": previous[key],
            "change": minus(count, previous[key]),
        }
        for name, count, key in rows
    ]


def _with_report_years(
    reports: Iterable[PublishedReport], *, office: Office
) -> list[PublishedReport]:
    """The publications, each with `report_year` set where its period is the office's report
    year (its document is then at /report/<year>/), else None."""
    listed = list(reports)
    for report in listed:
        year = report.period_start.year
        period = ReportPeriod(report.period_start, report.period_end)
        in_year = period == report_period_for_year(year, office=office)
        report.report_year = year if in_year else None  # type: ignore[attr-defined]
    return listed


@require_GET
def statistics(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    form, selection = _selection(request)
    selection, figures = _figures(request, form, selection)
    stats = figures.stats
    query = _query(selection)
    is_advisor = can_publish_report(request.user)
    context = {
        "form": form,
        "selection": selection,
        "stats": stats,
        "published": figures.published,
        "figure_1": charts.areas_chart(stats),
        "figure_2": charts.handling_chart(stats),
        "query": query,
        "downloads": [(fmt, fmt.upper()) for fmt in FORMATS],
        "summary_rows": _summary_rows(stats),
        "area_rows": _rows_with_previous(
            {a.area: a.count for a in stats.by_area},
            {a.area: a.previous_count for a in stats.by_area},
        ),
        "handling_rows": _rows_with_previous(
            {h.name: h.count for h in stats.by_handling},
            {h.name: h.count for h in stats.previous_by_handling},
            {h.name: h.percent for h in stats.by_handling},
        ),
        "can_publish": is_advisor
        and selection.is_whole_office
        and figures.published is None
        and not selection.live,
        "show_publisher": is_advisor,
        "published_reports": _with_report_years(
            published_report_list() if is_advisor else published_report_list().not_withdrawn(),
            office=form.office,
        ),
    }
    return render(request, "reports/statistics.html", context)


@require_GET
def chart(request: AuthedRequest, number: int) -> HttpResponse:
    _require_reader(request)
    form, selection = _selection(request)
    stats = _figures(request, form, selection)[1].stats
    if number == 1:
        table = charts.areas_chart(stats)
    elif number == 2:
        table = charts.handling_chart(stats)
    else:
        raise Http404
    response = HttpResponse(charts.chart_svg(table), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def download(request: AuthedRequest, fmt: str) -> HttpResponse:
    _require_reader(request)
    if fmt not in FORMATS:
        raise Http404
    form, selection = _selection(request)
    selection, figures = _figures(request, form, selection)
    if fmt in BACKGROUND_FORMATS and figures.published is None:
        # PDF and Word of live figures take seconds to a minute: made in the background.
        job = statistics_document_start(
            user=request.user,
            query=_query(selection),
            fmt=fmt,
            language=translation.get_language(),
            now=timezone.now(),
        )
        return redirect("report_document:job", pk=job.pk)
    try:
        content = figures_file(figures, fmt)
    except FormatError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('reports:statistics')}?{_query(selection)}")
    name = filename(figures.stats, fmt)
    access_log_write(
        user=request.user,
        event=AccessEvent.STATISTICS_EXPORTED,
        now=timezone.now(),
        detail=name,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@require_http_methods(["GET", "POST"])
def publish(request: AuthedRequest) -> HttpResponse:
    """GET: the confirmation page for the chosen period; POST: freeze its figures."""
    _require_publisher(request)
    if request.method == "POST":
        form = PublishForm(request.POST)
        if not form.is_valid() and not (
            form.cleaned_data.get("start") and form.cleaned_data.get("end")
        ):
            raise Http404
        period = ReportPeriod(form.cleaned_data["start"], form.cleaned_data["end"])
        if form.is_valid():
            try:
                report_publish(
                    user=request.user,
                    period=period,
                    now=timezone.now(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form_apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The report for %(period)s is published: its figures are frozen.")
                    % {"period": period.label},
                )
                query = QueryDict(mutable=True)
                query.update({"start": period.start.isoformat(), "end": period.end.isoformat()})
                if period == report_period_containing(period.start, office=Office.load()):
                    query = QueryDict(mutable=True)
                    query["year"] = str(period.start.year)  # the year select shows it
                return redirect(f"{reverse('reports:statistics')}?{query.urlencode()}")
    else:
        _filters, selection = _selection(request)
        period = selection.period
        form = PublishForm(initial={"start": period.start, "end": period.end})
    figures = report_figures(period=period, today=timezone.localdate(), published=False)
    return render(
        request,
        "reports/publish.html",
        {
            "form": form,
            "period": period,
            "stats": figures.stats,
            "already": published_report_get(period=period),
        },
    )


@require_http_methods(["GET", "POST"])
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_publisher(request)
    report = get_object_or_404(PublishedReport.objects.in_force(), pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_withdraw(
                user=request.user, report=report, now=timezone.now(), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(
                request, _("The publication is withdrawn; the period can be published again.")
            )
            return redirect("reports:statistics")
    return render(request, "reports/withdraw.html", {"form": form, "report": report})
