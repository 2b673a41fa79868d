"""`borgerraadgiver report`: the annual report or its figures in one of six formats."""

import datetime
import sys
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.wording import format_number
from borgerraadgiver.organisation.models import Area, Department, Office
from borgerraadgiver.organisation.small_numbers import office_rule
from borgerraadgiver.reports.disclosure import statistics_shown
from borgerraadgiver.reports.formats import FORMATS
from borgerraadgiver.reports.models import PublishedReport
from borgerraadgiver.reports.selectors import ReportFigures, figures_file, report_figures
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_period_between,
    report_period_for_year,
)

TEXT_FORMATS = ("json", "csv", "html")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(value)s is not a date; write it as YYYY-MM-DD, e.g. 2024-12-31.")
            % {"value": value}
        ) from None


def _one(queryset: Any, value: str, *, missing: str, several: str) -> Any:
    """The one row named (case-insensitively) or numbered `value`."""
    if value.isdigit():
        rows = list(queryset.filter(pk=int(value)))
    else:
        rows = list(queryset.filter(name__iexact=value))
    if not rows:
        raise CommandError(missing % {"value": value})
    if len(rows) > 1:
        ids = ", ".join(str(row.pk) for row in rows)
        raise CommandError(several % {"value": value, "ids": ids})
    return rows[0]


# Django's check tags (django.core.checks.Tags), each a string attribute.
CHECK_TAGS = [value for name, value in vars(Tags).items() if not name.startswith("_")]


class Command(BaseCommand):
    help = (
        "Write the annual report for a report year or a period: JSON (the machine-readable "
        "figures), CSV, XLSX, or the document as HTML, DOCX or PDF."
    )
    # Every check but the URLs': reading them imports every page and the API (DRF and its schema
    # generator), half of this command's start, and a report needs none of them.
    requires_system_checks = [tag for tag in CHECK_TAGS if tag != Tags.urls]

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--year", type=int, help="The report year (the office's report period starting then)."
        )
        parser.add_argument("--from", dest="start", help="First day, YYYY-MM-DD (with --to).")
        parser.add_argument("--to", dest="end", help="Last day, YYYY-MM-DD (with --from).")
        parser.add_argument("--format", default="json", help=f"One of {', '.join(FORMATS)}.")
        parser.add_argument(
            "--output",
            help="The file to write; '-' writes to standard output (json, csv, html only). "
            "Default: standard output for json, csv and html.",
        )
        parser.add_argument("--template", help="A Word template (.docx) for --format docx.")
        parser.add_argument("--area", help="Only this area (its name or number).")
        parser.add_argument("--department", help="Only this department (its name or number).")
        parser.add_argument(
            "--published",
            action="store_true",
            help="The figures as published (frozen) for the period; an error if not published.",
        )
        parser.add_argument(
            "--hide-small-numbers",
            action="store_true",
            help="Hide counts below the office's threshold as a report reader sees them "
            "(data formats and a live report; a published document is as the office chose).",
        )

    def _period(self, options: dict[str, Any]) -> ReportPeriod:
        year, start, end = options["year"], options["start"], options["end"]
        if year is not None and (start or end):
            raise CommandError(_("Give either --year or --from and --to, not both."))
        if year is not None:
            if not 1900 <= year <= 9998:
                raise CommandError(_("%(year)s is not a report year.") % {"year": year})
            return report_period_for_year(year, office=Office.load())
        if not (start and end):
            raise CommandError(_("Give --year, or both --from and --to."))
        try:
            return report_period_between(_date(start), _date(end))
        except ValueError:
            raise CommandError(
                _("The period ends (%(end)s) before it starts (%(start)s).")
                % {"start": start, "end": end}
            ) from None

    def _output(self, fmt: str, options: dict[str, Any]) -> tuple[Path | None, Path | None]:
        """Where to write (None: standard output), and the Word template if any."""
        output = options["output"] or ("-" if fmt in TEXT_FORMATS else None)
        if output is None:
            raise CommandError(_("Give --output FILE for the %(format)s format.") % {"format": fmt})
        if output == "-" and fmt not in TEXT_FORMATS:
            raise CommandError(
                _("%(format)s cannot be written to standard output; give --output FILE.")
                % {"format": fmt.upper()}
            )
        template = Path(options["template"]) if options["template"] else None
        if template is not None:
            if fmt != "docx":
                raise CommandError(_("--template is for --format docx only."))
            if not template.is_file():
                raise CommandError(_("The template %(path)s does not exist.") % {"path": template})
        target = None if output == "-" else Path(output)
        if target is not None and not target.parent.is_dir():
            raise CommandError(_("Cannot write %(path)s: no such folder.") % {"path": target})
        return target, template

    def _place(self, options: dict[str, Any]) -> tuple[Area | None, Department | None]:
        """The area and department asked for, each by name or number."""
        department = (
            _one(
                Department.objects.select_related("area"),
                options["department"],
                missing=_("No department is called %(value)s."),
                several=_(
                    "Several departments are called %(value)s; give its number instead: %(ids)s."
                ),
            )
            if options["department"]
            else None
        )
        area = (
            _one(
                Area.objects.all(),
                options["area"],
                missing=_("No area is called %(value)s."),
                several=_("Several areas are called %(value)s; give its number instead: %(ids)s."),
            )
            if options["area"]
            else None
        )
        if area is not None and department is not None and department.area_id != area.pk:
            raise CommandError(
                _("The department %(department)s is not in the area %(area)s.")
                % {"department": department.name, "area": area.name}
            )
        if options["published"] and (area or department):
            raise CommandError(
                _("A published report covers the whole office: drop --area and --department.")
            )
        return area, department

    def _write(self, content: bytes, target: Path | None) -> None:
        if target is None:
            text = content.decode("utf-8-sig")
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
            return
        try:
            target.write_bytes(content)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": target, "error": error.strerror}
            ) from None

    def handle(self, *args: Any, **options: Any) -> None:
        fmt = options["format"].lower()
        if fmt not in FORMATS:
            raise CommandError(
                _("Unknown format %(format)s; choose one of %(formats)s.")
                % {"format": fmt, "formats": ", ".join(FORMATS)}
            )
        target, template = self._output(fmt, options)
        period = self._period(options)
        area, department = self._place(options)
        now = timezone.now()
        try:
            figures = report_figures(
                period=period,
                area=area,
                department=department,
                today=timezone.localdate(now),
                published=True if options["published"] else None,
            )
        except PublishedReport.DoesNotExist:
            raise CommandError(
                _("The report for %(period)s has not been published.") % {"period": period.label}
            ) from None

        if options["hide_small_numbers"]:
            figures = ReportFigures(
                statistics_shown(figures.stats, office_rule()), figures.published
            )
        started = time.monotonic()
        if fmt in ("docx", "pdf", "html"):
            self.stderr.write(
                _("Rendering the %(format)s report for %(period)s…")
                % {"format": fmt.upper(), "period": period.label}
            )
        try:
            content = figures_file(figures, fmt, template=template)
        except ValueError as error:  # FormatError, or the renderer's own, e.g. a bad template
            raise CommandError(str(error)) from None
        self._write(content, target)
        access_log_write(
            user=None,
            event=AccessEvent.STATISTICS_EXPORTED,
            now=now,
            detail=f"{fmt} {period.start:%Y-%m-%d}–{period.end:%Y-%m-%d}",
        )
        if target is not None:
            self.stderr.write(
                _("Wrote %(path)s (%(size)s bytes) in %(seconds)s s%(frozen)s.")
                % {
                    "path": target,
                    "size": format_number(len(content)),
                    "seconds": format_number(time.monotonic() - started, decimals=1),
                    "frozen": _(", published figures") if figures.published else "",
                }
            )
        sys.stdout.flush()
