"""The data formats (CSV, XLSX, JSON) and the `report` command."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.organisation.models import Department, HandlingType
from borgerraadgiver.reports.formats import (
    FormatError,
    filename,
    render,
    statistics_csv,
    statistics_xlsx,
)
from borgerraadgiver.reports.statistics import ReportPeriod, report_statistics
from tests.factories import AreaFactory, DepartmentFactory, HandlingTypeFactory, InquiryFactory

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
TODAY = datetime.date(2025, 2, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def register(db):
    area = AreaFactory(name="Læring")
    school = DepartmentFactory(area=area, name="Skole")
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE)
    InquiryFactory.create_batch(3, department=school, handling_type=advice)
    InquiryFactory(department=school, handling_type=dialogue)
    InquiryFactory(department=school, handling_type=advice, received_date=datetime.date(2023, 5, 1))
    return {"area": area, "school": school}


def _stats():
    return report_statistics(period=YEAR, today=TODAY)


def test_csv_is_one_table_with_numbers_and_the_period_on_every_row(register):
    with translation.override("en"):
        text = statistics_csv(_stats()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {
        "From": "2024-01-01",
        "To": "2024-12-31",
        "Section": "Total",
        "Group": "",
        "Name": "Inquiries",
        "Count": "4",
        "Percent": "",
        "Previous period": "1",
    }
    handling = {r["Name"]: (r["Count"], r["Percent"]) for r in rows if r["Section"] == "Handling"}
    assert handling == {"Råd og vejledning": ("3", "75"), "Dialogsag": ("1", "25")}
    departments = [
        (r["Group"], r["Name"], r["Count"]) for r in rows if r["Section"] == "Departments"
    ]
    assert departments == [("Læring", "Skole", "4")]


def test_danish_csv_has_semicolons_danish_headers_and_labels_and_a_bom(register):
    with translation.override("da"):
        content = statistics_csv(_stats())
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel reads æ, ø, å
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert list(rows[0]) == [
        "Fra",
        "Til",
        "Afsnit",
        "Gruppe",
        "Navn",
        "Antal",
        "Procent",
        "Forrige periode",
    ]
    assert (rows[0]["Afsnit"], rows[0]["Navn"], rows[0]["Antal"]) == ("I alt", "Henvendelser", "4")
    summary = {
        r["Navn"]: r["Antal"] for r in rows if r["Afsnit"] == "Rådgivning alene og inddragelse"
    }
    assert summary["Dialogsager"] == "1"


def test_xlsx_has_a_sheet_per_section_with_headers_and_numbers_as_numbers(register):
    workbook = load_workbook(io.BytesIO(statistics_xlsx(_stats())))
    assert len(workbook.sheetnames) >= 10
    areas = workbook[workbook.sheetnames[2]]
    header = [cell.value for cell in areas[1]]
    assert len(header) == 5
    assert [cell.value for cell in areas[2]] == [None, "Læring", 4, None, 1]
    assert isinstance(areas.cell(row=2, column=3).value, int)


def test_a_name_that_looks_like_a_formula_stays_text_in_csv_and_xlsx(db):
    area = AreaFactory(name='=HYPERLINK("http://x.example","Læring")')
    school = DepartmentFactory(area=area, name="+Skole")
    InquiryFactory(department=school)

    with translation.override("en"):
        rows = list(csv.DictReader(io.StringIO(statistics_csv(_stats()).decode("utf-8-sig"))))
    assert {r["Name"] for r in rows if r["Section"] == "Areas"} == {
        '\'=HYPERLINK("http://x.example","Læring")'
    }
    assert {r["Group"] for r in rows if r["Section"] == "Departments"} == {
        '\'=HYPERLINK("http://x.example","Læring")'
    }
    workbook = load_workbook(io.BytesIO(statistics_xlsx(_stats())))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'+Skole" in {cell.value for cell in cells}


def test_unknown_format_is_refused(register):
    with pytest.raises(FormatError):
        render("odt", _stats())


def test_file_names_say_what_they_hold(register):
    stats = _stats()
    assert filename(stats, "docx") == "beretning-2024.docx"
    filtered = report_statistics(period=YEAR, area=register["area"], today=TODAY)
    assert filename(filtered, "csv") == "statistik-2024-Læring.csv"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_writes_json_to_standard_output_and_logs_the_export(register):
    out, _err = _run("--year", "2024")
    data = json.loads(out)
    assert (data["total"], data["previous_total"]) == (4, 1)
    assert AccessLogEntry.objects.filter(
        action=AccessLogEntry.Action.EXPORT, inquiry_id=None, person_id=None
    ).exists()


def test_command_takes_a_period_and_an_area_or_department(register):
    out, _err = _run("--from", "2024-03-01", "--to", "2024-03-31", "--department", "skole")
    data = json.loads(out)
    assert data["period"] == {
        "start": "2024-03-01",
        "end": "2024-03-31",
        "label": "01.03.2024–31.03.2024",
    }
    school = Department.objects.get(name="Skole")
    assert data["filter"] == {
        "area": "Læring",
        "department": "Skole",
        "area_id": school.area_id,
        "department_id": school.pk,
    }
    assert data["total"] == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_command_writes_each_data_format_to_a_file(register, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    _out, err = _run("--year", "2024", "--format", fmt, "--output", str(target))
    assert target.stat().st_size > 100
    assert str(target) in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2024", "--from", "2024-01-01", "--to", "2024-02-01"], "not both"),
        (["--from", "2024-01-01"], "--from and --to"),
        ([], "--year"),
        (["--from", "2024-13-01", "--to", "2024-12-31"], "not a date"),
        (["--from", "2024-05-01", "--to", "2024-04-30"], "before it starts"),
        (["--year", "2024", "--format", "odt"], "Unknown format"),
        (["--year", "2024", "--format", "docx"], "--output"),
        (["--year", "2024", "--format", "xlsx", "--output", "-"], "standard output"),
        (["--year", "2024", "--output", "/no/such/folder/r.json"], "no such folder"),
        (["--year", "2024", "--area", "Intet område"], "No area"),
        (["--year", "2024", "--format", "csv", "--template", "x.docx"], "docx only"),
        (["--year", "2024", "--published"], "not been published"),
    ],
)
def test_command_explains_what_is_wrong(register, args, message):
    # The messages are checked in English, the language they are written in.
    with translation.override("en"), pytest.raises(CommandError, match=message):
        _run(*args)
