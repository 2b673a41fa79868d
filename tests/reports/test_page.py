"""The statistics page, its charts and downloads, publishing from the page; who may see what."""

import datetime
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import HandlingType, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.reports.models import PublishedReport
from tests.factories import (
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    PersonFactory,
    UserFactory,
)
from tests.login import verified_client

pytestmark = pytest.mark.django_db
YEAR_2024 = "?year=2024"


@pytest.fixture
def register(db):
    learning = AreaFactory(name="Læring", sort_order=1)
    jobs_area = AreaFactory(name="Beskæftigelse", sort_order=2)
    school = DepartmentFactory(area=learning, name="Skole")
    jobs = DepartmentFactory(area=jobs_area, name="Jobcenter")
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE)
    person = PersonFactory(name="Hemmelig Borgersen")
    InquiryFactory.create_batch(
        3,
        department=school,
        handling_type=advice,
        received_date=datetime.date(2024, 5, 1),
        summary="Fortroligt resumé",
        person=person,
    )
    InquiryFactory(
        department=jobs,
        handling_type=dialogue,
        received_date=datetime.date(2024, 6, 1),
        case_number="BR-2024-9999",
        person=person,
    )
    InquiryFactory(department=school, handling_type=advice, received_date=datetime.date(2023, 6, 1))
    return {"learning": learning, "school": school, "jobs": jobs}


@pytest.fixture
def manager_client(register) -> Client:
    manager = UserFactory(username="leder")
    manager.managed_departments.add(register["school"])
    return verified_client(manager)


def test_advisor_sees_the_figures_with_the_previous_period_and_both_charts(
    register, advisor_client
):
    response = advisor_client.get(reverse("reports:statistics") + YEAR_2024)
    assert response.status_code == 200
    page = response.content.decode()
    stats = response.context["stats"]
    assert (stats.total, stats.previous_total) == (4, 1)
    assert "+3" in page
    for name in ("Læring", "Beskæftigelse", "Skole", "Jobcenter", "Råd og vejledning", "Dialogsag"):
        assert name in page
    assert reverse("reports:chart", args=[1]) in page
    assert reverse("reports:chart", args=[2]) in page
    assert 'alt="' in page
    for fmt in ("json", "csv", "xlsx", "html", "docx", "pdf"):
        assert reverse("reports:download", args=[fmt]) in page
    assert reverse("reports:publish") in page


def test_report_reader_sees_figures_but_never_a_person_summary_or_case_number(
    register, report_reader_client
):
    response = report_reader_client.get(reverse("reports:statistics") + YEAR_2024)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Læring" in page
    for secret in ("Hemmelig", "Fortroligt", "BR-2024-9999", "BR-T-"):
        assert secret not in page
    assert reverse("reports:publish") not in page
    download = report_reader_client.get(reverse("reports:download", args=["csv"]) + YEAR_2024)
    text = download.content.decode("utf-8-sig")
    for secret in ("Hemmelig", "Fortroligt", "BR-2024-9999"):
        assert secret not in text


def test_menu_shows_statistics_to_those_who_may_read_them(
    register, advisor_client, report_reader_client, plain_client
):
    url = reverse("reports:statistics")
    assert f'href="{url}"' in advisor_client.get(reverse("advisor:home")).content.decode()
    assert f'href="{url}"' in report_reader_client.get(url).content.decode()
    assert f'href="{url}"' not in plain_client.get("/", follow=True).content.decode()


@pytest.mark.parametrize(
    "name",
    ["reports:statistics", "reports:publish"],
)
def test_others_are_refused(register, plain_client, administrator_client, manager_client, name):
    for client in (plain_client, administrator_client, manager_client):
        assert client.get(reverse(name)).status_code == 403


def test_others_are_refused_charts_and_downloads(register, plain_client, manager_client):
    for client in (plain_client, manager_client):
        assert client.get(reverse("reports:chart", args=[1])).status_code == 403
        assert client.get(reverse("reports:download", args=["json"])).status_code == 403
    assert not AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).exists()


def test_anonymous_is_sent_to_log_in(register, client):
    response = client.get(reverse("reports:statistics"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_report_reader_may_not_publish(register, report_reader_client):
    response = report_reader_client.post(
        reverse("reports:publish"), {"start": "2024-01-01", "end": "2024-12-31"}
    )
    assert response.status_code == 403
    assert not PublishedReport.objects.exists()


def test_filters_narrow_the_figures_and_a_bad_filter_keeps_the_others(register, advisor_client):
    url = reverse("reports:statistics")
    area = advisor_client.get(url, {"year": 2024, "area": register["learning"].pk})
    assert area.context["stats"].total == 3
    period = advisor_client.get(url, {"start": "2024-05-01", "end": "2024-05-31"})
    assert period.context["stats"].total == 3
    bad = advisor_client.get(
        url, {"start": "2024-05-01", "end": "2024-04-01", "area": register["learning"].pk}
    )
    assert bad.status_code == 200
    assert bad.context["form"].errors["end"]
    assert bad.context["stats"].area == "Læring"
    mismatch = advisor_client.get(
        url, {"year": 2024, "area": register["learning"].pk, "department": register["jobs"].pk}
    )
    assert mismatch.context["form"].errors["department"]
    assert mismatch.context["stats"].total == 3


def test_the_page_runs_a_fixed_number_of_queries(
    register, advisor_client, django_assert_num_queries
):
    url = reverse("reports:statistics") + YEAR_2024
    advisor_client.get(url)
    with django_assert_num_queries(28):
        advisor_client.get(url)
    InquiryFactory.create_batch(
        20, department=register["jobs"], received_date=datetime.date(2024, 9, 9)
    )
    advisor_client.get(url)  # the factory's new lists read once (organisation.kept)
    with django_assert_num_queries(28):
        advisor_client.get(url)


def test_charts_are_svg_with_the_areas(register, advisor_client):
    response = advisor_client.get(reverse("reports:chart", args=[1]) + YEAR_2024)
    assert response["Content-Type"] == "image/svg+xml"
    assert "Læring" in response.content.decode()
    assert advisor_client.get(reverse("reports:chart", args=[3])).status_code == 404


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("json", "application/json"), ("csv", "text/csv"), ("xlsx", "spreadsheetml")],
)
def test_download_returns_the_file_and_logs_the_export(
    register, advisor_client, advisor, fmt, content_type
):
    response = advisor_client.get(reverse("reports:download", args=[fmt]) + YEAR_2024)
    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert f"statistik-2024.{fmt}" in response["Content-Disposition"]
    if fmt == "json":
        assert json.loads(response.content)["total"] == 4
    if fmt == "xlsx":
        assert load_workbook(io.BytesIO(response.content)).sheetnames
    entry = AccessLogEntry.objects.get(action=AccessLogEntry.Action.EXPORT, user=advisor)
    assert (entry.inquiry_id, entry.person_id) == (None, None)
    assert fmt in entry.detail


def test_unknown_download_format_is_not_found(register, advisor_client):
    assert advisor_client.get(reverse("reports:download", args=["odt"])).status_code == 404


def test_publish_from_the_page_then_the_page_shows_the_frozen_figures(register, advisor_client):
    confirm = advisor_client.get(reverse("reports:publish") + YEAR_2024)
    assert confirm.status_code == 200
    assert confirm.context["stats"].total == 4
    response = advisor_client.post(
        reverse("reports:publish"), {"start": "2024-01-01", "end": "2024-12-31", "note": "Byrådet"}
    )
    assert response.status_code == 302
    report = PublishedReport.objects.get()
    assert report.note == "Byrådet"

    Inquiry.objects.filter(received_date__year=2024).first().delete()
    page = advisor_client.get(reverse("reports:statistics") + YEAR_2024)
    assert page.context["published"] == report
    assert page.context["stats"].total == 4
    assert reverse("reports:publish") + "?" not in page.content.decode()
    live = advisor_client.get(reverse("reports:statistics") + YEAR_2024 + "&live=1")
    assert live.context["published"] is None
    assert live.context["stats"].total == 3

    again = advisor_client.post(
        reverse("reports:publish"), {"start": "2024-01-01", "end": "2024-12-31"}
    )
    assert again.status_code == 200
    assert again.context["form"].non_field_errors()
    assert PublishedReport.objects.in_force().get() == report

    withdrawn = advisor_client.post(
        reverse("reports:withdraw", args=[report.pk]), {"note": "Rettelse"}
    )
    assert withdrawn.status_code == 302
    report.refresh_from_db()
    assert not report.is_in_force
    assert advisor_client.get(reverse("reports:withdraw", args=[report.pk])).status_code == 404


def test_withdraw_needs_a_reason(register, advisor_client, advisor):
    from borgerraadgiver.reports.services import report_publish
    from borgerraadgiver.reports.statistics import ReportPeriod
    from tests.helpers import at

    report = report_publish(
        user=advisor,
        period=ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        now=at(datetime.date(2025, 1, 10)),
    )
    response = advisor_client.post(reverse("reports:withdraw", args=[report.pk]), {"note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    report.refresh_from_db()
    assert report.is_in_force


def test_report_reader_reaches_the_published_report_from_the_statistics_page(
    register, advisor, report_reader_client
):
    from borgerraadgiver.reports.services import report_publish

    period = report_period_for_year(2024, office=Office.load())
    report_publish(user=advisor, period=period, now=timezone.now(), note="")
    page = report_reader_client.get(reverse("reports:statistics") + YEAR_2024).content.decode()
    link = reverse("report_document:document", args=[2024, "pdf"])
    assert f'href="{link}"' in page
    response = report_reader_client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
