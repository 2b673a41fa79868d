"""The demo's register: the 2024 report's two recommendations and one from 2023 carried out in
2024, so that the 2024 report shows both sections."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext as _

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import (
    report_period_for_year,
    report_statistics,
    statistics_as_json,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _demo(demo_register):
    return demo_register


def test_the_2024_report_lists_its_recommendations_and_the_earlier_one_carried_out():
    period = report_period_for_year(2024, office=Office.load())
    stats = report_statistics(period=period, today=datetime.date(2025, 6, 1))
    data = statistics_as_json(stats)
    assert [len(data["recommendations"]), len(data["earlier_recommendations"])] == [2, 1]
    (earlier,) = data["earlier_recommendations"]
    assert (earlier["made_in"], earlier["status"], earlier["status_date"]) == (
        "2023",
        "carried_out",
        "2024-10-01",
    )
    assert stats.total == 257  # the register does not touch the figures
    html = render("html", stats).decode()
    with translation.override("da"):
        assert _("Status on earlier recommendations") in html
    assert "At styrke borgernes mulighed for at medvirke" in html
    assert "(100 %)" in html
