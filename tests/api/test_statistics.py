"""The statistics endpoint returns the report's JSON, for advisors and report readers."""

import datetime

import pytest
from django.utils import timezone

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.small_numbers import office_rule
from borgerraadgiver.reports.disclosure import statistics_shown
from borgerraadgiver.reports.statistics import (
    report_period_between,
    report_period_for_year,
    report_statistics,
    statistics_as_json,
)
from tests.api.conftest import token_client
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db

URL = "/api/statistics/"


@pytest.fixture
def registered():
    InquiryFactory.create_batch(3, received_date=datetime.date(2024, 3, 1))
    InquiryFactory(received_date=datetime.date(2023, 5, 1))


def test_a_report_reader_gets_the_reports_json_for_a_year_with_small_counts_hidden(
    report_reader, registered
):
    response = token_client(report_reader).get(URL, {"year": 2024})
    assert response.status_code == 200
    expected = statistics_as_json(
        statistics_shown(
            report_statistics(
                period=report_period_for_year(2024, office=Office.load()),
                today=timezone.localdate(),
            ),
            office_rule(),
        )
    )
    assert response.json() == expected
    assert response.json()["total"] == 3
    assert response.json()["previous_total"] is None  # 1: under 3
    assert response.json()["small_numbers"] == {"hidden_below": 3}


def test_a_period_from_one_date_to_another(advisor, registered):
    response = token_client(advisor).get(URL, {"from": "2024-01-01", "to": "2024-06-30"})
    assert response.status_code == 200
    expected = statistics_as_json(
        report_statistics(
            period=report_period_between(datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)),
            today=timezone.localdate(),
        )
    )
    assert response.json() == expected


def test_the_figures_hold_no_case_number_or_name(report_reader, registered):
    text = token_client(report_reader).get(URL, {"year": 2024}).content.decode()
    from borgerraadgiver.inquiries.models import Inquiry

    for inquiry in Inquiry.objects.select_related("person"):
        assert inquiry.case_number not in text
        assert inquiry.person.name not in text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "year"),
        ({"year": 2024, "from": "2024-01-01", "to": "2024-02-01"}, "year"),
        ({"from": "2024-05-01", "to": "2024-01-01"}, "to"),
        ({"from": "0001-01-01", "to": "2024-01-01"}, "from"),
        ({"year": "i år"}, "year"),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(advisor, query, field):
    response = token_client(advisor).get(URL, query)
    assert response.status_code == 400
    assert field in response.json()
