"""Small numbers protect people: a report reader sees no count of 1 or 2 anywhere (page, CSV,
XLSX, API, the report's documents), cannot work one out from a total, and is refused periods
and departments too narrow to show; an advisor sees every count exactly."""

import csv
import datetime
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from borgerraadgiver.jobs.models import Job
from borgerraadgiver.organisation.models import HandlingType, Office
from borgerraadgiver.organisation.small_numbers import WITHHELD, SmallNumbers, hidden_cells
from borgerraadgiver.reports import disclosure
from borgerraadgiver.reports.disclosure import published_rule, statistics_shown
from borgerraadgiver.reports.forms import whole_months_only
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import ReportPeriod, report_statistics
from tests.api.conftest import token_client
from tests.factories import (
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)
from tests.login import verified_client

pytestmark = pytest.mark.django_db
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
TODAY = datetime.date(2025, 2, 1)
URL = reverse("reports:statistics")
SMALL = {"1", "2"}


@pytest.fixture
def register(db):
    learning = AreaFactory(name="Læring", sort_order=1)
    jobs_area = AreaFactory(name="Beskæftigelse", sort_order=2)
    school = DepartmentFactory(area=learning, name="Skole")
    ppr = DepartmentFactory(area=learning, name="PPR")
    jobs = DepartmentFactory(area=jobs_area, name="Jobcenter")
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE)
    forwarded = HandlingTypeFactory(name="Oversendelsessag", kind=HandlingType.Kind.FORWARDED)
    reason = ReasonFactory(name="Sagsbehandlingen")
    day = datetime.date(2024, 5, 2)
    InquiryFactory.create_batch(
        10, department=school, handling_type=advice, received_date=day, reasons=[reason]
    )
    InquiryFactory(department=ppr, handling_type=dialogue, received_date=day, reasons=[reason])
    InquiryFactory.create_batch(
        6, department=jobs, handling_type=advice, received_date=day, reasons=[reason]
    )
    InquiryFactory.create_batch(
        2, department=jobs, handling_type=forwarded, received_date=day, reasons=[reason]
    )
    InquiryFactory.create_batch(
        4, department=school, handling_type=advice, received_date=datetime.date(2023, 5, 2)
    )
    return {"ppr": ppr, "school": school}


@pytest.fixture
def reader(db):
    return UserFactory(username="laeser", is_report_reader=True)


def _numbers_in_cells(html: str) -> list[str]:
    cells = re.findall(r'<td class="(?:align-text-right|num)">([^<]*)</td>', html)
    return [cell.strip() for cell in cells]


def test_the_reader_sees_no_count_of_1_or_2_on_the_page(register, reader):
    page = verified_client(reader).get(URL + "?year=2024").content.decode()
    cells = _numbers_in_cells(page)
    assert cells and not SMALL & set(cells)
    assert "under 3" in cells
    assert "skjult" in cells  # Skole's 10 beside PPR's 1 under Læring's 11
    assert "19" in cells  # the total is shown


def test_the_reader_sees_no_count_of_1_or_2_in_the_downloads(register, reader):
    client = verified_client(reader)
    text = client.get(reverse("reports:download", args=["csv"]) + "?year=2024")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Fra", "Til"]
    counts = {row[5] for row in rows[1:]} | {row[7] for row in rows[1:]}
    assert not SMALL & counts
    assert "under 3" in counts
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:download", args=["xlsx"]) + "?year=2024").content)
    )
    values = {
        row[i]
        for sheet in workbook.worksheets[1:]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for i in (2, 4)
    }
    assert not {1, 2} & values
    assert "under 3" in values
    report = client.get(reverse("reports:download", args=["html"]) + "?year=2024")
    html = report.content.decode()
    cells = _numbers_in_cells(html)
    assert cells and not SMALL & set(cells)
    assert "under 3" in cells
    assert "Små tal" in html  # the method appendix says how


def _counts_in(data, key=""):
    if isinstance(data, dict):
        for k, v in data.items():
            skipped = ("schema_version", "small_numbers", "percentages", "filter", "change")
            if k not in skipped and not k.endswith("_id"):
                yield from _counts_in(v, k)
    elif isinstance(data, list):
        for item in data:
            yield from _counts_in(item, key)
    elif isinstance(data, int) and not isinstance(data, bool):
        yield data


def test_the_reader_sees_no_count_of_1_or_2_in_the_api(register, reader):
    data = token_client(reader).get("/api/statistics/", {"year": 2024}).json()
    assert not {1, 2} & set(_counts_in(data))
    assert data["small_numbers"] == {"hidden_below": 3}
    assert data["total"] == 19
    learning = data["by_area"][0]
    assert {d["department"]: d["count"] for d in learning["departments"]} == {
        "PPR": None,
        "Skole": None,
    }


def test_no_total_gives_a_hidden_count_away(register):
    stats = report_statistics(period=YEAR, today=TODAY)
    rule = SmallNumbers(3)
    cells = disclosure._cells(stats)
    hidden = hidden_cells(rule, cells.cells, cells.sums)
    assert cells.sums
    for one in cells.sums:
        members = (one.total, *one.parts)
        assert sum(key in hidden for key in members) != 1, one
    shown = statistics_shown(stats, rule)
    learning = shown.area_named("Læring")
    assert learning.count == 11
    assert {d.name: d.count for d in learning.departments} == {"Skole": WITHHELD, "PPR": None}
    assert (learning.advice_only, learning.dialogue) == (WITHHELD, None)
    assert learning.involved == WITHHELD  # worked out from a hidden count: hidden too
    assert shown.involved_percent is None


def test_an_advisor_sees_every_count_exactly(register, advisor_client, advisor):
    response = advisor_client.get(URL + "?year=2024")
    learning = response.context["stats"].area_named("Læring")
    assert {d.name: d.count for d in learning.departments} == {"Skole": 10, "PPR": 1}
    assert "under 3" not in _numbers_in_cells(response.content.decode())
    data = token_client(advisor).get("/api/statistics/", {"year": 2024}).json()
    assert "small_numbers" not in data
    departments = {d["department"]: d["count"] for d in data["by_area"][0]["departments"]}
    assert departments == {"PPR": 1, "Skole": 10}


def test_a_reader_is_refused_a_period_narrower_than_whole_months(register, reader, advisor_client):
    query = "?start=2024-05-01&end=2024-05-15"
    response = verified_client(reader).get(URL + query)
    assert whole_months_only() in response.content.decode()
    assert response.context["stats"].period != ReportPeriod(
        datetime.date(2024, 5, 1), datetime.date(2024, 5, 15)
    )
    assert response.context["stats"].period == ReportPeriod(
        datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    )
    api = token_client(reader).get("/api/statistics/", {"from": "2024-05-01", "to": "2024-05-15"})
    assert api.status_code == 400
    whole_month = verified_client(reader).get(URL + "?start=2024-05-01&end=2024-05-31")
    assert whole_month.context["stats"].total == 19
    advisor = advisor_client.get(URL + query)
    assert advisor.context["stats"].period.end == datetime.date(2024, 5, 15)


def test_a_reader_is_refused_a_department_with_few_inquiries(register, reader, advisor_client):
    query = f"?year=2024&department={register['ppr'].pk}"
    response = verified_client(reader).get(URL + query)
    page = response.content.decode()
    assert "færre end 3 henvendelser" in page
    assert response.context["stats"].department is None
    api = token_client(reader).get(
        "/api/statistics/", {"year": 2024, "department": register["ppr"].pk}
    )
    assert api.status_code == 400
    assert "department" in api.json()
    assert advisor_client.get(URL + query).context["stats"].department == "PPR"


def test_the_published_report_shows_what_the_office_chose(register):
    stats = report_statistics(period=YEAR, today=TODAY)
    office = Office.load()
    assert office.published_report_hides_small_numbers  # by default
    hidden = render("html", statistics_shown(stats, published_rule())).decode()
    assert "under 3" in _numbers_in_cells(hidden)
    office.published_report_hides_small_numbers = False
    office.save()
    exact = render("html", statistics_shown(stats, published_rule())).decode()
    assert "under 3" not in _numbers_in_cells(exact)
    assert "Alle tal vises præcist" in exact


def test_the_command_line_hides_small_counts_when_asked_and_writes_danish_numbers(
    register, tmp_path
):
    out = io.StringIO()
    call_command("report", "--year", "2024", "--format", "csv", "--hide-small-numbers", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "Fra"
    assert not SMALL & ({row[5] for row in rows[1:]} | {row[7] for row in rows[1:]})
    exact = io.StringIO()
    call_command("report", "--year", "2024", "--format", "csv", stdout=exact)
    assert "1" in {row[5] for row in csv.reader(io.StringIO(exact.getvalue()), delimiter=";")}
    err = io.StringIO()
    target = tmp_path / "statistik.xlsx"
    call_command(
        "report", "--year", "2024", "--format", "xlsx", "--output", str(target), stderr=err
    )
    size = f"{target.stat().st_size:,}".replace(",", ".")
    assert f"({size} bytes)" in err.getvalue()


def test_the_readers_page_runs_a_fixed_number_of_queries(
    register, reader, django_assert_num_queries
):
    client = verified_client(reader)
    url = URL + "?year=2024"
    client.get(url)
    with django_assert_num_queries(30):
        client.get(url)
    InquiryFactory.create_batch(
        20, department=register["school"], received_date=datetime.date(2024, 9, 9)
    )
    client.get(url)  # the factory's new lists read once (organisation.kept)
    with django_assert_num_queries(30):
        client.get(url)


def test_the_readers_word_report_has_no_count_of_1_or_2_in_its_tables(register, reader):
    # Word is made in the background (the tests' queue runs the job at once), then downloaded.
    client = verified_client(reader)
    started = client.get(reverse("reports:download", args=["docx"]) + "?year=2024")
    job = Job.objects.get(owner=reader)
    assert started.url == reverse("report_document:job", args=[job.pk])
    content = client.get(reverse("report_document:job_download", args=[job.pk])).content
    document = Document(io.BytesIO(content))
    cells = {
        cell.text.strip()
        for table in document.tables
        for row in table.rows[1:]
        for cell in row.cells[1:]
    }
    assert "under 3" in cells
    assert not SMALL & cells
