"""The two figures: SVG and PNG from the statistics, with their numbers as a table."""

import datetime
import sys
import xml.etree.ElementTree as ET

import matplotlib

from borgerraadgiver.forwarding.statistics import ForwardingFigures
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.reports.charts import areas_chart, chart_png, chart_svg, handling_chart
from borgerraadgiver.reports.figures import (
    AreaStatistics,
    ForwardingSummary,
    HandlingCount,
    ReportStatistics,
)


def _area(name: str, count: int) -> AreaStatistics:
    return AreaStatistics(name, "administration", count, 0, (), (), count, 0, 0, 0, (), (), ())


def _stats() -> ReportStatistics:
    period = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    return ReportStatistics(
        period=period,
        previous_period=period.previous(),
        area=None,
        department=None,
        total=12,
        previous_total=3,
        by_area=(
            _area("Læring", 9),
            _area("Tomt område", 0),
            _area("Vækst, Teknik & Fællesskab", 3),
        ),
        by_handling=(
            HandlingCount("Råd og vejledning", "advice", 9, 75),
            HandlingCount("Deltaget i borgers møde med forvaltningen", "other", 3, 25),
        ),
        previous_by_handling=(),
        advice_only=9,
        dialogue=0,
        forwarded=0,
        other=3,
        advice_only_percent=75,
        involved_percent=0,
        reasons_advice_only=(),
        reasons_involved=(),
        actions=(),
        activities=(),
        follow_up_questions_asked=0,
        forwarding=ForwardingSummary(ForwardingFigures(), ()),
        computed_on=datetime.date(2025, 1, 1),
    )


def test_figure_1_has_one_bar_per_area_with_inquiries_and_its_table():
    chart = areas_chart(_stats())
    assert [(row.name, row.count) for row in chart.rows] == [
        ("Læring", 9),
        ("Vækst, Teknik & Fællesskab", 3),
    ]
    assert "Læring: 9" in chart.alt and "2024" in chart.alt
    svg = chart_svg(chart).decode()
    ET.fromstring(svg)  # noqa: S314 (our own output) - well-formed
    assert "Læring" in svg and "Vækst, Teknik &amp; Fællesskab" in svg


def test_figure_2_shows_counts_with_percentages():
    chart = handling_chart(_stats())
    assert [row.value_label for row in chart.rows] == ["9 (75 %)", "3 (25 %)"]
    svg = chart_svg(chart).decode()
    assert "9 (75 %)" in svg
    assert chart_png(chart, dpi=50).startswith(b"\x89PNG\r\n\x1a\n")


def test_drawing_leaves_no_global_state_and_is_repeatable():
    before = dict(matplotlib.rcParams)
    chart = areas_chart(_stats())
    first = chart_svg(chart)
    assert chart_svg(chart) == first
    assert dict(matplotlib.rcParams) == before
    assert matplotlib.get_backend() is not None

    assert (
        "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()
    )


def test_an_empty_period_still_draws():
    stats = _stats()
    empty = ReportStatistics(**{**stats.__dict__, "by_area": (), "by_handling": ()})
    assert chart_svg(areas_chart(empty)).startswith(b"<?xml")
