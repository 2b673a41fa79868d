"""Export of the inquiry list: the same rows as the filtered list, logged, advisors only."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.core.spreadsheets import safe
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from tests.factories import DepartmentFactory, InquiryFactory, PersonFactory, ReasonFactory

LIST = reverse("advisor:inquiry_list")


def url(fmt: str) -> str:
    return reverse("advisor:inquiry_export", args=[fmt])


@pytest.fixture
def register(db):
    school = DepartmentFactory(name="Skole")
    jobs = DepartmentFactory(name="Jobcenter")
    reason = ReasonFactory(name="Manglende svar")
    rows = [
        InquiryFactory(department=school, received_date=datetime.date(2024, 3, day))
        for day in range(1, 6)
    ]
    rows += [
        InquiryFactory(department=jobs, received_date=datetime.date(2023, 5, day), reasons=[reason])
        for day in range(1, 4)
    ]
    rows.append(
        InquiryFactory(
            department=school,
            received_date=datetime.date(2024, 4, 1),
            person=None,
            complainant_kind=ComplainantKind.ANONYMOUS,
            status="closed",
            closed_date=datetime.date(2024, 4, 3),
        )
    )
    return rows


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))  # Danish: semicolons


def listed_case_numbers(client, query: str) -> list[str]:
    response = client.get(f"{LIST}?{query}")
    return [inquiry.case_number for inquiry in response.context["page"].object_list]


@pytest.mark.parametrize(
    "query",
    ["", "year=2024", "status=closed", "sort=received", "q=Prøvesen", "year=2023&sort=case"],
)
def test_the_csv_holds_the_filtered_list_in_its_order(advisor_client, register, query):
    rows = csv_rows(advisor_client.get(f"{url('csv')}?{query}"))
    assert rows[0][0] == "Case number" or rows[0][0] == "Sagsnummer"
    assert [r[0] for r in rows[1:]] == listed_case_numbers(advisor_client, query)


def test_the_columns_a_caseworker_needs(advisor_client, register):
    rows = csv_rows(advisor_client.get(f"{url('csv')}?year=2023&sort=received"))
    first = Inquiry.objects.filter(received_date__year=2023).order_by("received_date").first()
    assert rows[1][:6] == [
        first.case_number,
        "2023-05-01",
        first.area.name,
        "Jobcenter",
        "Manglende svar",
        first.handling_type.name,
    ]
    assert rows[1][10] == first.person.name


def test_the_workbook_holds_the_same_rows_with_real_dates(advisor_client, register):
    response = advisor_client.get(f"{url('xlsx')}?year=2024")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    values = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert [r[0] for r in values[1:]] == listed_case_numbers(advisor_client, "year=2024")
    assert isinstance(values[1][1], datetime.datetime)


def test_an_export_is_logged_with_its_filters(advisor_client, advisor, register):
    advisor_client.get(f"{url('csv')}?year=2024&status=open")
    entries = AccessLogEntry.objects.filter(action="export", user=advisor)
    summary = entries.get(inquiry_id=None)
    assert "year=2024" in summary.detail and "status=open" in summary.detail
    assert "csv" in summary.detail
    # One row per exported inquiry with a person in it (the anonymous one is closed anyway).
    exported = Inquiry.objects.filter(received_date__year=2024, status="open")
    assert set(entries.exclude(inquiry_id=None).values_list("inquiry_id", "person_id")) == set(
        exported.values_list("pk", "person_id")
    )


def test_a_cell_that_would_be_a_formula_is_written_as_text(advisor_client, db):
    InquiryFactory(person=PersonFactory(name='=HYPERLINK("http://x")'))
    rows = csv_rows(advisor_client.get(url("csv")))
    assert rows[1][10] == '\'=HYPERLINK("http://x")'
    assert [safe(v) for v in ("+1", "-1", "@a", "ok", "1-2")] == ["'+1", "'-1", "'@a", "ok", "1-2"]


def test_an_unknown_format_is_not_found(advisor_client):
    assert advisor_client.get(url("pdf")).status_code == 404


@pytest.mark.parametrize(
    "client_name", ["administrator_client", "report_reader_client", "plain_client"]
)
def test_others_are_refused_and_nothing_is_logged(request, client_name, register):
    client = request.getfixturevalue(client_name)
    for fmt in ("csv", "xlsx"):
        assert client.get(url(fmt)).status_code == 403
    assert not AccessLogEntry.objects.filter(action="export").exists()


def test_a_department_manager_is_refused(client, register):
    from tests.conftest import _client_for
    from tests.factories import UserFactory

    manager = UserFactory()
    manager.managed_departments.add(register[0].department)
    assert _client_for(manager).get(url("csv")).status_code == 403


def test_the_list_page_links_to_the_export_with_its_filters(advisor_client, register):
    content = advisor_client.get(f"{LIST}?year=2024").content.decode()
    assert f"{url('csv')}?year=2024" in content
    assert f"{url('xlsx')}?year=2024" in content


def test_the_csv_is_for_excel_in_the_pages_language(advisor_client, register):
    """Danish: semicolons (Excel's comma is the decimal sign) and Danish headers; both UTF-8
    with a byte-order mark."""
    content = b"".join(advisor_client.get(url("csv")).streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")
    assert content.decode("utf-8-sig").splitlines()[0].startswith("Sagsnummer;Modtaget;")
