"""Frozen reports: the published figures do not move when a registration is corrected."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.reports.models import PublishedReport
from borgerraadgiver.reports.selectors import report_figures
from borgerraadgiver.reports.services import report_publish, report_withdraw
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_statistics,
    statistics_as_json,
)
from tests.factories import AreaFactory, DepartmentFactory, InquiryFactory, UserFactory
from tests.helpers import at

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
NOW = at(datetime.date(2025, 2, 10))
pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    school = DepartmentFactory(area=AreaFactory(name="Læring"), name="Skole")
    jobs = DepartmentFactory(area=AreaFactory(name="Beskæftigelse"), name="Jobcenter")
    InquiryFactory.create_batch(3, department=school, received_date=datetime.date(2024, 4, 1))
    return {"school": school, "jobs": jobs}


def _command_json(*args: str) -> dict:
    out = io.StringIO()
    call_command("report", "--year", "2024", *args, stdout=out, stderr=io.StringIO())
    return json.loads(out.getvalue())


def test_a_correction_after_publishing_changes_the_live_figures_not_the_published(
    register, advisor
):
    report_publish(user=advisor, period=YEAR, now=NOW, note="Sendt til byrådet")
    frozen_before = _command_json("--published")

    inquiry = Inquiry.objects.first()
    inquiry.area = register["jobs"].area
    inquiry.department = register["jobs"]
    inquiry.save()

    assert _command_json("--published") == frozen_before
    live = statistics_as_json(report_statistics(period=YEAR, today=NOW.date()))
    assert live != frozen_before
    assert {a["area"]: a["count"] for a in frozen_before["by_area"]} == {
        "Læring": 3,
        "Beskæftigelse": 0,
    }
    assert {a["area"]: a["count"] for a in live["by_area"]} == {"Læring": 2, "Beskæftigelse": 1}
    # The page and the command read the frozen figures while the publication is in force.
    figures = report_figures(period=YEAR, today=NOW.date())
    assert figures.published is not None
    assert statistics_as_json(figures.stats) == frozen_before
    # A filtered view is always live.
    assert (
        report_figures(period=YEAR, area=register["jobs"].area, today=NOW.date()).published is None
    )


def test_publishing_is_logged_and_records_who_and_when(register, advisor):
    report = report_publish(user=advisor, period=YEAR, now=NOW)
    assert (report.published_by, report.published_at, report.data["total"]) == (advisor, NOW, 3)
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.CREATE, user=advisor)
    assert "2024-01-01" in entry.detail
    assert (entry.inquiry_id, entry.person_id) == (None, None)


def test_a_period_is_published_once_until_withdrawn(register, advisor):
    first = report_publish(user=advisor, period=YEAR, now=NOW)
    with pytest.raises(ValidationError) as refused:
        report_publish(user=advisor, period=YEAR, now=NOW)
    assert refused.value.code == "already_published"
    report_withdraw(user=advisor, report=first, now=NOW, note="Rettet fejl")
    with pytest.raises(ValidationError):
        report_withdraw(user=advisor, report=first, now=NOW)
    second = report_publish(user=advisor, period=YEAR, now=NOW)
    assert PublishedReport.objects.in_force().get() == second
    first.refresh_from_db()
    assert (first.withdrawn_by, first.withdrawn_note) == (advisor, "Rettet fejl")


def test_only_an_advisor_publishes(register):
    reader = UserFactory(is_report_reader=True)
    administrator = UserFactory(is_administrator=True)
    for user in (reader, administrator):
        with pytest.raises(PermissionDenied):
            report_publish(user=user, period=YEAR, now=NOW)
    assert not PublishedReport.objects.exists()
