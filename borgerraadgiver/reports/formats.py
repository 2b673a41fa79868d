"""The data formats of the report: JSON, CSV and XLSX, from one `ReportStatistics`.

JSON is the contract (`contract.statistics_as_json`): machine keys, plain numbers. CSV and XLSX
are for people, in the active language, and share one list of rows (`statistics_rows`): each row
is a figure, with

    period_start, period_end, section, group, name, count, percent, previous_count

written under the language's headers (`HEADERS`: Fra, Til, Afsnit, …). `section` is a key
(below) written as its title (`SECTION_TITLES`); `group` is the area for per-area rows and the
department for the forwarding figures per department, otherwise empty; a name that is a key is
written as its label (`LABELS`); `percent` and `previous_count` are filled where the report has
them. The CSV is that one table (semicolons in Danish); the XLSX has one sheet per section with
the same headers, numbers stored as numbers.

Sections: `total`, `area`, `department`, `handling`, `summary`, `area_handling`,
`reasons_advice_only`, `reasons_involved`, `area_reasons_advice_only`, `area_reasons_involved`,
`actions`, `area_actions`, `activities`, `follow_up_questions`, `forwarding`,
`forwarding_department`.

The HTML, DOCX and PDF documents are the report writer's (`reports.render.render`); `render`
here dispatches every format to its formatter.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.core.spreadsheets import csv_delimiter, safe
from borgerraadgiver.core.wording import format_count, format_number
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.statistics import COUNTS as FORWARDING_COUNTS
from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.reports.contract import statistics_as_json
from borgerraadgiver.reports.figures import ReportStatistics
from borgerraadgiver.reports.render import render as render_document
from borgerraadgiver.reports.render.builder import ReportContent

FORMATS = ("json", "csv", "xlsx", "html", "docx", "pdf")
DATA_FORMATS = ("json", "csv", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
COLUMNS = (
    "period_start",
    "period_end",
    "section",
    "group",
    "name",
    "count",
    "percent",
    "previous_count",
)
SECTION_TITLES = {
    "total": gettext_lazy("Total"),
    "area": gettext_lazy("Areas"),
    "department": gettext_lazy("Departments"),
    "handling": gettext_lazy("Handling"),
    "summary": gettext_lazy("Advice only and involved"),
    "area_handling": gettext_lazy("Handling per area"),
    "reasons_advice_only": gettext_lazy("Reasons, advice only"),
    "reasons_involved": gettext_lazy("Reasons, involved"),
    "area_reasons_advice_only": gettext_lazy("Reasons per area, advice"),
    "area_reasons_involved": gettext_lazy("Reasons per area, involved"),
    "actions": gettext_lazy("Counted actions"),
    "area_actions": gettext_lazy("Counted actions per area"),
    "activities": gettext_lazy("Activities"),
    "follow_up_questions": gettext_lazy("Follow-up questions"),
    "declined_forwarding": gettext_lazy("Declined forwarding"),
    "forwarding": gettext_lazy("Forwarding deadlines"),
    "forwarding_department": gettext_lazy("Forwarding per department"),
}


# The CSV's and the sheets' headers, in the page's language.
HEADERS = {
    "period_start": gettext_lazy("From"),
    "period_end": gettext_lazy("To"),
    "section": gettext_lazy("Section"),
    "group": gettext_lazy("Group"),
    "name": gettext_lazy("Name"),
    "count": gettext_lazy("Count"),
    "percent": gettext_lazy("Percent"),
    "previous_count": gettext_lazy("Previous period"),
}
# The rows whose name is a key, not a name the administrator entered: their labels.
LABELS = {
    "total": gettext_lazy("Inquiries"),
    "advice_only": gettext_lazy("Answered by the advisor alone (advice only)"),
    "involved": gettext_lazy("The administration involved (dialogue and forwarded)"),
    "dialogue": gettext_lazy("Dialogue cases"),
    "forwarded": gettext_lazy("Forwarded complaints"),
    "other": gettext_lazy("Other handling"),
    "asked": gettext_lazy("Follow-up questions to an answer"),
    "inquiries": gettext_lazy("Inquiries where the citizen declined forwarding"),
    "sent": gettext_lazy("Sent to a department"),
    "answered_on_time": gettext_lazy("Answered within the deadline"),
    "answered_late": gettext_lazy("Answered after the deadline"),
    "unanswered_overdue": gettext_lazy("Not answered, deadline passed"),
    "unanswered_not_yet_due": gettext_lazy("Not answered, not yet due"),
    "extensions": gettext_lazy("Later dates asked for by the department"),
    "follow_up_questions": gettext_lazy("Follow-up questions to an answer"),
    "median_working_days_to_answer": gettext_lazy("Median time to answer (working days)"),
}


def _label(row: "Row") -> str:
    """The row's name as a reader reads it: an entered name as it is, a key by its label."""
    if row.section in ("forwarding", "forwarding_department") and row.name.startswith("outcome:"):
        code = row.name.split(":", 1)[1]
        return str(Forwarding.Outcome(code).label) if code in Forwarding.Outcome else code
    keyed = row.section in (
        "total",
        "summary",
        "follow_up_questions",
        "declined_forwarding",
        "forwarding",
        "forwarding_department",
    ) or (row.section == "area_handling" and row.name in LABELS)
    return str(LABELS.get(row.name, row.name)) if keyed else row.name


class FormatError(ValueError):
    """An unknown format, or a renderer that is not there."""


@dataclass(frozen=True)
class Row:
    section: str
    group: str
    name: str
    count: int | float | None  # None: hidden by the small-number rule
    percent: int | None = None
    previous_count: int | None = None


def _forwarding_rows(section: str, group: str, figures: ForwardingFigures) -> Iterator[Row]:
    for field in FORWARDING_COUNTS:
        yield Row(section, group, field, getattr(figures, field))
    yield Row(
        section, group, "median_working_days_to_answer", figures.median_working_days_to_answer
    )
    for code, count in figures.outcomes.items():
        yield Row(section, group, f"outcome:{code}", count)


def statistics_rows(stats: ReportStatistics) -> Iterator[Row]:
    """Every figure of the report as one row each, in the report's order."""
    yield Row("total", "", "total", stats.total, None, stats.previous_total)
    for area in stats.by_area:
        yield Row("area", "", area.area, area.count, None, area.previous_count)
    for area in stats.by_area:
        for department in area.departments:
            yield Row("department", area.area, department.name, department.count)
    previous = {h.name: h.count for h in stats.previous_by_handling}
    for handling in stats.by_handling:
        yield Row(
            "handling",
            "",
            handling.name,
            handling.count,
            handling.percent,
            previous.get(handling.name),
        )
    yield Row("summary", "", "advice_only", stats.advice_only, stats.advice_only_percent)
    yield Row("summary", "", "involved", stats.involved, stats.involved_percent)
    yield Row("summary", "", "dialogue", stats.dialogue)
    yield Row("summary", "", "forwarded", stats.forwarded)
    yield Row("summary", "", "other", stats.other)
    for area in stats.by_area:
        for handling in area.handling:
            yield Row("area_handling", area.area, handling.name, handling.count, handling.percent)
        for key in ("advice_only", "dialogue", "forwarded", "involved", "other"):
            yield Row("area_handling", area.area, key, getattr(area, key))
    for reason in stats.reasons_advice_only:
        yield Row("reasons_advice_only", "", reason.name, reason.count)
    for reason in stats.reasons_involved:
        yield Row("reasons_involved", "", reason.name, reason.count)
    for area in stats.by_area:
        for reason in area.reasons_advice_only:
            yield Row("area_reasons_advice_only", area.area, reason.name, reason.count)
        for reason in area.reasons_involved:
            yield Row("area_reasons_involved", area.area, reason.name, reason.count)
    for action in stats.actions:
        yield Row("actions", "", action.name, action.count)
    for area in stats.by_area:
        for action in area.actions:
            yield Row("area_actions", area.area, action.name, action.count)
    for activity in stats.activities:
        yield Row("activities", "", activity.name, activity.count)
    yield Row("follow_up_questions", "", "asked", stats.follow_up_questions_asked)
    yield Row("declined_forwarding", "", "inquiries", stats.declined_forwarding)
    yield from _forwarding_rows("forwarding", "", stats.forwarding.overall)
    for forwarding in stats.forwarding.by_department:
        yield from _forwarding_rows(
            "forwarding_department", forwarding.department, forwarding.figures
        )


def _cell(stats: ReportStatistics, count: int | float | None, *, hidden: bool) -> object:
    """A count in a CSV cell: the number (a decimal with the language's sign), 'under 3' where
    the rule hid it, empty where there is none."""
    if hidden and (count is None or count < 0):
        return format_count(None if count is None else int(count), hidden_below=stats.hidden_below)
    if isinstance(count, float):
        return format_number(count)
    return count


def _values(stats: ReportStatistics, row: Row) -> list[object]:
    hidden = stats.hidden_below > 1
    return [
        stats.period.start.isoformat(),
        stats.period.end.isoformat(),
        str(SECTION_TITLES[row.section]),
        safe(row.group),
        safe(_label(row)),
        _cell(stats, row.count, hidden=hidden and row.name != "median_working_days_to_answer"),
        row.percent,
        _cell(
            stats,
            row.previous_count,
            hidden=hidden and row.section in ("total", "area", "handling"),
        ),
    ]


def statistics_json(stats: ReportStatistics) -> bytes:
    return json.dumps(statistics_as_json(stats), ensure_ascii=False, indent=2).encode() + b"\n"


def statistics_csv(stats: ReportStatistics) -> bytes:
    """One table, UTF-8 with a byte-order mark so that Excel reads the Danish letters; in
    Danish separated by semicolons, with Danish headers and labels."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=csv_delimiter(), lineterminator="\n")
    writer.writerow([str(HEADERS[column]) for column in COLUMNS])
    for row in statistics_rows(stats):
        writer.writerow(["" if value is None else value for value in _values(stats, row)])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the workbook.
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]
    candidate, n = clean, 2
    while candidate in used:
        candidate = f"{clean[:28]} {n}"
        n += 1
    used.add(candidate)
    return candidate


def _sheet_count(stats: ReportStatistics, count: int | float | None, *, hidden: bool) -> object:
    """A number stays a number (Excel formats it in the reader's language); a hidden count is
    the text 'under 3'."""
    if hidden and (count is None or count < 0):
        return format_count(None if count is None else int(count), hidden_below=stats.hidden_below)
    return count


def statistics_xlsx(stats: ReportStatistics) -> bytes:
    """One sheet per section with headers; counts and percentages are numbers, not text."""
    from openpyxl import Workbook  # noqa: PLC0415 - openpyxl loads when a workbook is written
    from openpyxl.styles import Font  # noqa: PLC0415 - openpyxl loads when a workbook is written

    workbook = Workbook()
    overview = workbook.active
    assert overview is not None
    used: set[str] = set()
    overview.title = _sheet_title(_("Report"), used)
    overview.append([_("Period"), stats.period.label])
    overview.append([_("From"), stats.period.start])
    overview.append([_("To"), stats.period.end])
    overview.append([_("Area"), safe(stats.area or "") or _("All")])
    overview.append([_("Department"), safe(stats.department or "") or _("All")])
    overview.append([_("Inquiries"), _sheet_count(stats, stats.total, hidden=True)])
    overview.append([_("Previous period"), _sheet_count(stats, stats.previous_total, hidden=True)])
    for cells in overview.iter_rows(min_row=2, max_row=3, min_col=2, max_col=2):
        for cell in cells:
            cell.number_format = "yyyy-mm-dd"
    overview.column_dimensions["A"].width = 24
    overview.column_dimensions["B"].width = 24

    headers = [_("Group"), _("Name"), _("Count"), _("Percent"), _("Previous period")]
    sheets: dict[str, Any] = {}
    for row in statistics_rows(stats):
        sheet = sheets.get(row.section)
        if sheet is None:
            sheet = workbook.create_sheet(_sheet_title(str(SECTION_TITLES[row.section]), used))
            sheet.append(headers)
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
            sheet.column_dimensions["A"].width = 30
            sheet.column_dimensions["B"].width = 45
            sheets[row.section] = sheet
        hidden = stats.hidden_below > 1
        sheet.append(
            [
                safe(row.group) or None,
                safe(_label(row)),
                _sheet_count(stats, row.count, hidden=hidden),
                row.percent,
                _sheet_count(
                    stats,
                    row.previous_count,
                    hidden=hidden and row.section in ("total", "area", "handling"),
                ),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(
    fmt: str,
    stats: ReportStatistics,
    *,
    template: Path | None = None,
    content: ReportContent | None = None,
) -> bytes:
    """The report in `fmt`; HTML, DOCX and PDF come from the report writer's renderer (with a
    publication's frozen `content`, or the report's words as they are now)."""
    if fmt == "json":
        return statistics_json(stats)
    if fmt == "csv":
        return statistics_csv(stats)
    if fmt == "xlsx":
        return statistics_xlsx(stats)
    if fmt in ("html", "docx", "pdf"):
        try:
            return render_document(fmt, stats, template=template, content=content)
        except ImportError as error:  # WeasyPrint without its system libraries, say
            raise FormatError(
                _("The %(format)s report cannot be made here: %(error)s")
                % {"format": fmt.upper(), "error": error}
            ) from error
    raise FormatError(
        _("Unknown format %(format)s; choose one of %(formats)s.")
        % {"format": fmt, "formats": ", ".join(FORMATS)}
    )


def filename(stats: ReportStatistics, fmt: str) -> str:
    """'beretning-2024.docx', 'statistik-2024-Læring.csv'."""
    stem = "beretning" if fmt in ("html", "docx", "pdf") else "statistik"
    parts = [stem, stats.period.slug]
    for name in (stats.area, stats.department):
        if name:
            parts.append("".join(c if c.isalnum() else "-" for c in name).strip("-"))
    return "-".join(parts) + "." + fmt
