"""The statistics and report pages open on the latest report year with registrations (the
current one once it has some), not on an empty year."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_containing
from borgerraadgiver.report_content.selectors import period_to_open
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db


def test_the_statistics_page_opens_on_the_latest_year_with_registrations(advisor_client):
    today = timezone.localdate()
    InquiryFactory.create_batch(2, received_date=datetime.date(today.year - 2, 5, 1))
    page = advisor_client.get(reverse("reports:statistics"))
    assert page.context["stats"].period.start.year == today.year - 2
    assert page.context["stats"].total == 2
    assert page.context["form"]["year"].value() == today.year - 2
    InquiryFactory(received_date=today)  # the current year has one now: it opens there
    page = advisor_client.get(reverse("reports:statistics"))
    assert page.context["stats"].period == report_period_containing(today, office=Office.load())


def test_the_report_workspace_opens_on_the_latest_year_with_registrations(advisor_client):
    year = timezone.localdate().year - 2
    InquiryFactory(received_date=datetime.date(year, 5, 1))
    response = advisor_client.get(reverse("report_content:workspace_current"))
    assert response["Location"] == reverse("report_content:workspace", args=[year])


@pytest.mark.parametrize(
    ("last", "label"),
    [
        (None, "2026/27"),  # nothing registered: the current year
        (datetime.date(2025, 3, 31), "2024/25"),  # the latest year with registrations
        (datetime.date(2026, 4, 1), "2026/27"),  # the current one once it has some
        (datetime.date(2027, 1, 5), "2026/27"),  # a date in the future is a typing error
    ],
)
def test_the_period_to_open_in_an_april_to_march_office(last, label):
    office = Office(report_period_start_month=4)
    today = datetime.date(2026, 12, 4)
    assert period_to_open(last, today=today, office=office).label == label
