"""The one statistics source: every figure of the annual report, for a period.

`report_statistics(period=…, area=…, department=…, today=…)` returns a `ReportStatistics`;
every output (the page, JSON, CSV, XLSX, HTML, DOCX, PDF, the charts) formats that structure and
computes nothing of its own. It is plain, frozen data with no model instances, so it can be
stored as JSON (`statistics_as_json`) and read back (`statistics_from_json`) for a frozen report.

It runs in three steps: `fetch` (a fixed number of GROUP BY queries, whatever the number of
inquiries), `tally` (pure: the grouped rows summed per id, tested without a database), and
`assemble` (pure: the counts named and ordered as the report prints them). What each figure
means and how it is counted is written once, beside its field in `reports/figures.py`.
"""

import dataclasses
import datetime

from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.models import Area, Department
from borgerraadgiver.organisation.periods import (
    ReportPeriod,
    report_period_between,
    report_period_containing,
    report_period_for_year,
)
from borgerraadgiver.recommendations.report import report_recommendations
from borgerraadgiver.reports.contract import statistics_as_json, statistics_from_json
from borgerraadgiver.reports.counting import percent_of
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    DepartmentForwarding,
    ForwardingSummary,
    HandlingCount,
    NamedCount,
    ReportStatistics,
)
from borgerraadgiver.reports.statistics import learning
from borgerraadgiver.reports.statistics.assemble import assemble
from borgerraadgiver.reports.statistics.fetch import fetch, scope_of
from borgerraadgiver.reports.statistics.tally import tally

__all__ = [
    "AreaStatistics",
    "DepartmentForwarding",
    "ForwardingFigures",
    "ForwardingSummary",
    "HandlingCount",
    "NamedCount",
    "ReportPeriod",
    "ReportStatistics",
    "percent_of",
    "report_period_between",
    "report_period_containing",
    "report_period_for_year",
    "report_statistics",
    "statistics_as_json",
    "statistics_from_json",
]


def report_statistics(
    *,
    period: ReportPeriod,
    area: Area | None = None,
    department: Department | None = None,
    today: datetime.date,
) -> ReportStatistics:
    """Every figure of the report for `period`, optionally for one area or one department.

    Aggregates only: no person, summary or case number is read. A fixed number of queries.
    """
    scope = scope_of(area, department)
    fetched = fetch(period=period, scope=scope, today=today)
    counts = tally(
        places=fetched.places,
        previous_places=fetched.previous_places,
        reasons=fetched.reasons,
        actions=fetched.actions,
        handling_kind=fetched.lists.handling_kind,
    )
    stats = assemble(fetched, counts, period=period, scope=scope, today=today)
    stats = dataclasses.replace(
        stats,
        referred_by=learning.referred_by(period, scope),
        minutes=learning.minutes(period, scope),
        feedback=learning.feedback(period, scope),
    )
    if not stats.is_whole:  # recommendations are about the municipality, as the texts are
        return stats
    return dataclasses.replace(stats, recommendations=report_recommendations(period=period))
