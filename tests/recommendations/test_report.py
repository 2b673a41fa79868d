import datetime
import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.models import Status
from borgerraadgiver.recommendations.report import RecommendationFigures, report_recommendations
from borgerraadgiver.recommendations.services import (
    recommendation_close,
    recommendation_create,
    recommendation_respond,
)
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import (
    report_statistics,
    statistics_as_json,
    statistics_from_json,
)
from tests.factories import InquiryFactory
from tests.helpers import at
from tests.recommendations.conftest import YEAR_2024

pytestmark = pytest.mark.django_db

YEAR_2023 = ReportPeriod(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
YEAR_2025 = ReportPeriod(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def _make(world, *, period: ReportPeriod, text: str, sent: datetime.date):
    return recommendation_create(
        created_by=world.advisor,
        now=at(sent),
        text=text,
        period=period,
        sent_date=sent,
        response_deadline_date=sent + datetime.timedelta(weeks=8),
        departments=[world.a],
    )


def _close(world, recommendation, day: datetime.date, status=Status.CARRIED_OUT):
    recommendation_close(
        recommendation=recommendation,
        closed_by=world.advisor,
        now=at(day),
        status=status,
        closed_date=day,
        reason="Gjort",
    )


def test_the_period_s_recommendations_and_the_earlier_ones_open_at_its_start(world):
    closed_in_2025 = _make(
        world, period=YEAR_2023, text="Lukket 2025", sent=datetime.date(2024, 2, 1)
    )
    closed_before = _make(
        world, period=YEAR_2023, text="Lukket 2024", sent=datetime.date(2024, 2, 1)
    )
    still_open = _make(world, period=YEAR_2023, text="Stadig åben", sent=datetime.date(2024, 2, 1))
    _make(world, period=YEAR_2025, text="Næste år", sent=datetime.date(2026, 2, 1))
    _close(world, closed_in_2025, datetime.date(2025, 6, 1))
    _close(world, closed_before, datetime.date(2024, 12, 31), Status.NOT_CARRIED_OUT)
    # The world's recommendation was made in 2024: earlier, and open, in the 2025 report.
    figures = report_recommendations(period=YEAR_2025)
    assert [line.text for line in figures.made] == ["Næste år"]
    assert {line.text for line in figures.earlier} == {
        "Lukket 2025",
        "Stadig åben",
        world.recommendation.text,
    }
    assert figures.earlier_carried_out == 1 and figures.earlier_carried_out_percent == 33
    assert still_open.pk  # open: listed with its current status
    line = next(line for line in figures.earlier if line.text == "Lukket 2025")
    assert (line.status, line.status_date, line.made_in) == (
        "carried_out",
        datetime.date(2025, 6, 1),
        "2023",
    )


def test_the_lines_carry_the_response_and_whom_it_was_addressed_to(world):
    recommendation_respond(
        recommendation=world.recommendation,
        responded_by=world.manager_a,
        now=at(datetime.date(2025, 4, 1)),
        status=Status.ACCEPTED,
        text="Ja tak",
        planned_action="Kvittering",
    )
    (line,) = report_recommendations(period=YEAR_2024).made
    assert line.addressed_to == ("Børn og Familie",)
    assert (line.status, line.response, line.planned_action) == ("accepted", "Ja tak", "Kvittering")
    assert line.response_deadline == datetime.date(2025, 5, 1)


def test_the_figures_take_a_fixed_number_of_queries(world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            report_recommendations(period=YEAR_2024)
        return len(captured)

    few = queries()
    for n in range(10):
        _make(world, period=YEAR_2024, text=f"Nr. {n}", sent=datetime.date(2025, 3, 3))
    assert queries() == few == 4


def test_the_json_keys_and_a_frozen_report_read_back(world):
    InquiryFactory(department=world.a, received_date=datetime.date(2024, 5, 1))
    stats = report_statistics(period=YEAR_2024, today=datetime.date(2025, 6, 1))
    data = statistics_as_json(stats)
    assert data["recommendations"] == [
        {
            "text": world.recommendation.text,
            "addressed_to": ["Børn og Familie"],
            "status": "sent",
            "status_date": "2025-03-03",
            "response_deadline": "2025-05-01",
            "made_in": "2024",
            "response": "",
            "planned_action": "",
            "closing_reason": "",
        }
    ]
    assert data["earlier_recommendations"] == []
    assert statistics_from_json(data) == stats
    older = {key: value for key, value in data.items() if "recommendations" not in key}
    assert statistics_from_json(older).recommendations == RecommendationFigures()


def test_a_report_for_one_department_leaves_them_out(world):
    stats = report_statistics(period=YEAR_2024, department=world.a, today=datetime.date(2025, 6, 1))
    assert stats.recommendations == RecommendationFigures()


def test_the_document_prints_both_sections_in_every_format(world):
    earlier = _make(
        world, period=YEAR_2023, text="Kvitter for henvendelser", sent=datetime.date(2024, 2, 1)
    )
    _close(world, earlier, datetime.date(2024, 10, 1))
    InquiryFactory(department=world.a, received_date=datetime.date(2024, 5, 1))
    stats = report_statistics(period=YEAR_2024, today=datetime.date(2025, 6, 1))
    html = render("html", stats).decode()
    with translation.override("da"):
        status_heading = _("Status on earlier recommendations")
        carried_out = str(Status.CARRIED_OUT.label)
    assert status_heading in html and "Kvitter for henvendelser" in html
    assert carried_out in html and "(100 %)" in html
    assert world.recommendation.text.rstrip(".") in html
    with zipfile.ZipFile(io.BytesIO(render("docx", stats))) as docx:
        body = docx.read("word/document.xml").decode()
    assert status_heading in body and "Kvitter for henvendelser" in body
    pdf = PdfReader(io.BytesIO(render("pdf", stats)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert status_heading in text and "Kvitter for henvendelser" in text


def test_a_period_without_inquiries_still_shows_the_earlier_recommendations(world):
    stats = report_statistics(period=YEAR_2025, today=datetime.date(2026, 6, 1))
    assert stats.total == 0
    html = render("html", stats).decode()
    with translation.override("da"):
        assert _("Status on earlier recommendations") in html
    assert world.recommendation.text in html
