"""The golden test: the demo register's 2024 JSON reproduces the published 2024 report.

The published figures are DOMAIN.md's "2024 figures", typed once in `tests/demo/test_demo_data.py`
and imported here. Where the published year's reason lists differ from the sum of the areas'
lists, the test asserts the computed sums and checks that `published_differences` states each
difference.
"""

import datetime
import json
from collections import Counter

import pytest

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.reports.published_differences import PUBLISHED_DIFFERENCES_2024
from borgerraadgiver.reports.statistics import (
    report_period_for_year,
    report_statistics,
    statistics_as_json,
)
from tests.demo.snapshot import restored
from tests.demo.test_demo_data import (
    AFGOERELSE,
    INDDRAGELSE,
    KOMMUNALDIREKTOER,
    PUBLISHED_ACTIONS_2024,
    PUBLISHED_ADVICE_REASONS_2024,
    PUBLISHED_AREAS_2024,
    PUBLISHED_DEPARTMENTS_2024,
    PUBLISHED_FIGURE_2,
    PUBLISHED_HANDLING_2024,
    PUBLISHED_INVOLVED_REASONS_2024,
    VTF,
)

TODAY = datetime.date(2025, 3, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def report_2024(demo_snapshot, django_db_blocker):
    """The 2024 JSON of the demo register, computed once for the module."""
    with django_db_blocker.unblock(), restored(demo_snapshot):
        period = report_period_for_year(2024, office=Office.load())
        data = statistics_as_json(report_statistics(period=period, today=TODAY))
    # The contract is JSON: what a consumer reads is what json.loads gives back.
    return json.loads(json.dumps(data))


@pytest.fixture
def by_area(report_2024) -> dict[str, dict]:
    return {row["area"]: row for row in report_2024["by_area"]}


def test_period_totals_and_previous_total(report_2024):
    assert report_2024["period"] == {"start": "2024-01-01", "end": "2024-12-31", "label": "2024"}
    assert report_2024["total"] == 257
    assert report_2024["previous_total"] == 115


def test_areas_in_the_administrators_order_with_the_published_counts(report_2024, by_area):
    counts = {row["area"]: row["count"] for row in report_2024["by_area"] if row["count"]}
    assert counts == PUBLISHED_AREAS_2024
    assert list(counts)[:4] == ["Læring", "Beskæftigelse", "Social Omsorg", VTF]


def test_departments_per_area_as_published(by_area):
    for area, departments in PUBLISHED_DEPARTMENTS_2024.items():
        actual = {d["department"]: d["count"] for d in by_area[area]["departments"]}
        assert actual == departments, area
    # The report does not break VTF down; its departments hold all 14.
    assert sum(d["count"] for d in by_area[VTF]["departments"]) == 14


def test_advice_dialogue_forwarded_per_area_as_published(by_area):
    for area, (advice, dialogue, forwarded) in PUBLISHED_HANDLING_2024.items():
        row = by_area[area]
        assert (row["advice_only"], row["dialogue"], row["forwarded"]) == (
            advice,
            dialogue,
            forwarded,
        ), area
        assert row["involved"] == dialogue + forwarded
        assert sum(row["handling"].values()) == row["count"]


def test_reasons_per_area_as_published(by_area):
    for area, reasons in PUBLISHED_ADVICE_REASONS_2024.items():
        actual = by_area[area]["reasons_advice_only"]
        # The report prints only the main reasons; the others are there too.
        assert {name: actual.get(name, 0) for name in reasons} == reasons, area
    for area, reasons in PUBLISHED_INVOLVED_REASONS_2024.items():
        assert by_area[area]["reasons_involved"] == reasons, area
    assert by_area[KOMMUNALDIREKTOER]["reasons_involved"] == {INDDRAGELSE: 1}


def test_handling_counts_and_percentages_as_published(report_2024):
    assert report_2024["by_handling"] == PUBLISHED_FIGURE_2
    assert report_2024["summary"] == {
        "advice_only": 189,
        "dialogue": 17,
        "forwarded": 19,
        "involved": 36,
        "other": 16 + 6 + 3 + 7,
    }
    # The report prints "74 %", "14 %" and "6 %" for the meetings.
    assert report_2024["percentages"]["advice_only"] == 74
    assert report_2024["percentages"]["involved"] == 14
    assert (
        report_2024["percentages"]["by_handling"]["Deltaget i borgers møde med forvaltningen"] == 6
    )


def test_counted_actions_as_published(report_2024):
    assert report_2024["actions"] == PUBLISHED_ACTIONS_2024


def test_year_advice_only_reasons_are_the_sum_of_the_registrations(report_2024, by_area):
    year = report_2024["reasons_advice_only"]
    computed = sum((Counter(row["reasons_advice_only"]) for row in by_area.values()), Counter())
    assert year == dict(computed)
    published_areas = sum(
        (Counter(reasons) for reasons in PUBLISHED_ADVICE_REASONS_2024.values()), Counter()
    )
    # "Afgørelse": the areas' lists give 6 + 6 + 4, the year's list prints 13.
    assert year[AFGOERELSE] == published_areas[AFGOERELSE] == 16


def test_year_involved_reasons_are_the_sum_of_the_areas_lists(report_2024):
    expected = sum(
        (Counter(reasons) for reasons in PUBLISHED_INVOLVED_REASONS_2024.values()),
        Counter({INDDRAGELSE: 1}),  # the forwarded complaint in the director's area
    )
    assert report_2024["reasons_involved"] == dict(expected)


def test_every_published_difference_is_stated_with_the_computed_figure(report_2024):
    for difference in PUBLISHED_DIFFERENCES_2024:
        figures = report_2024[difference.section]
        assert figures.get(difference.name, 0) == difference.computed, difference.name
        assert difference.published != difference.computed
        assert difference.explanation
