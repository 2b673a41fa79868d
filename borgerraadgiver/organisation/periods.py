"""Report periods: a report year (calendar or April–March) or any span of dates.

A period is inclusive at both ends. The previous period is the one of the same length just
before: for whole months (a year, a quarter) the same number of calendar months, otherwise the
same number of days.
"""

import calendar
import datetime
from dataclasses import dataclass

from borgerraadgiver.organisation.models import Office


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first of the month `months` after the month of `day` (which must be the 1st)."""
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _last_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


@dataclass(frozen=True)
class ReportPeriod:
    """From `start` to `end`, both included."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    @property
    def whole_months(self) -> int | None:
        """The number of calendar months the period spans, if it is whole months; else None."""
        if self.start.day != 1 or self.end != _last_of_month(self.end):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "ReportPeriod":
        """The period of the same length just before this one (for a year: the year before)."""
        months = self.whole_months
        if months is not None:
            start = _add_months(self.start, -months)
            return ReportPeriod(start, self.start - datetime.timedelta(days=1))
        end = self.start - datetime.timedelta(days=1)
        return ReportPeriod(end - datetime.timedelta(days=self.days - 1), end)

    @property
    def label(self) -> str:
        """'2024' for a calendar year, '2024/25' for a year from another month, else the dates."""
        if self.whole_months == 12:
            if self.start.month == 1:
                return str(self.start.year)
            return f"{self.start.year}/{str(self.end.year)[-2:]}"
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"

    @property
    def slug(self) -> str:
        """For file names: '2024', '2024-25' or '2024-01-01_2024-03-31'."""
        if self.whole_months == 12:
            if self.start.month == 1:
                return str(self.start.year)
            return f"{self.start.year}-{str(self.end.year)[-2:]}"
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


def report_period_for_year(year: int, *, office: Office) -> ReportPeriod:
    """The office's report year that starts in `year`: 2024 → 1 Jan–31 Dec 2024, or with
    `report_period_start_month` 4, 1 April 2024–31 March 2025."""
    start = datetime.date(year, office.report_period_start_month, 1)
    end = _add_months(start, 12) - datetime.timedelta(days=1)
    return ReportPeriod(start, end)


def report_period_containing(day: datetime.date, *, office: Office) -> ReportPeriod:
    """The office's report year that contains `day`."""
    year = day.year if day.month >= office.report_period_start_month else day.year - 1
    return report_period_for_year(year, office=office)


def report_period_between(start: datetime.date, end: datetime.date) -> ReportPeriod:
    """A period from `--from`/`--to` dates; raises ValueError if it ends before it starts."""
    return ReportPeriod(start, end)
