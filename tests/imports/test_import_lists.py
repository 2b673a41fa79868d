"""Importing the organisation and the lists: new names added, known names updated, errors listed."""

import datetime
import io

import pytest
from django.core.management import call_command

from borgerraadgiver.imports.reading import csv_bytes
from borgerraadgiver.imports.services import import_run
from borgerraadgiver.organisation.models import Action, Area, Department, HandlingType, Reason

D = datetime.date


def run(kind, rows, *, now, dry_run=False):
    return import_run(
        kind=kind,
        file=io.BytesIO(csv_bytes(rows)),
        file_name=f"{kind}.csv",
        user=None,
        now=now,
        dry_run=dry_run,
    )


def test_the_organisation_imports_areas_departments_and_validity(db, now):
    rows = [
        ["area", "department", "valid_from", "valid_to", "kind"],
        ["Læring", "Familieafdelingen", "", "2023-12-31", ""],
        ["Læring", "Børn og Familie", "2024-01-01", "", ""],
        ["læring", "Skole", "", "", ""],
        ["Udenfor kompetence", "", "", "", "outside_competence"],
    ]
    result = run("organisation", rows, now=now)
    assert result.errors == []
    assert result.counts == {
        "areas created": 2,
        "departments created": 3,
        "departments updated": 0,
    }
    laering = Area.objects.get(name="Læring")
    assert list(laering.departments.order_by("sort_order").values_list("name", flat=True)) == [
        "Familieafdelingen",
        "Børn og Familie",
        "Skole",
    ]
    assert Department.objects.get(name="Familieafdelingen").valid_to == D(2023, 12, 31)
    outside = Area.objects.get(name="Udenfor kompetence")
    assert (outside.kind, outside.departments.count()) == ("outside_competence", 0)

    # A second run updates the end date of the department it knows, and adds nothing.
    rows[3] = ["Læring", "Skole", "", "2024-12-31", ""]
    result = run("organisation", rows, now=now)
    assert result.counts["departments updated"] == 3
    assert Department.objects.count() == 3
    assert Department.objects.get(name="Skole").valid_to == D(2024, 12, 31)


@pytest.mark.parametrize(
    ("bad", "column", "reason"),
    [
        (["Læring", "Skole", "2024-01-01", "2023-01-01", ""], "valid_to", "before the start"),
        (["Læring", "Dagtilbud", "1/1/2024", "", ""], "valid_from", "is not a date"),
        (["", "Skole", "", "", ""], "area", "is empty"),
        (["Læring", "Dagtilbud", "", "", "kommune"], "kind", "is not a kind of area"),
        (["Læring", "", "", "", ""], "department", "has departments in other rows"),
        (["LÆRING", "skole", "", "", ""], "department", "already in row 2"),
    ],
)
def test_a_bad_organisation_row_is_reported_and_nothing_is_imported(db, now, bad, column, reason):
    rows = [
        ["area", "department", "valid_from", "valid_to", "kind"],
        ["Læring", "Skole", "", "", ""],
    ]
    result = run("organisation", [*rows, bad], now=now)
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert reason in result.errors[0].message
    assert not Area.objects.exists()


def test_reasons_update_known_names_regardless_of_case_and_add_new_ones(db, now):
    Reason.objects.create(name="Manglende svar", sort_order=10)
    rows = [["name", "description"], ["MANGLENDE SVAR", "Intet svar"], ["Afgørelse", ""]]
    result = run("reasons", rows, now=now)
    assert result.counts == {"created": 1, "updated": 1}
    assert Reason.objects.get(name="Manglende svar").description == "Intet svar"
    assert Reason.objects.get(name="Afgørelse").sort_order == 20


def test_a_name_twice_in_the_file_is_an_error(db, now):
    result = run("actions", [["name"], ["Møde"], ["møde"]], now=now)
    assert [(e.row, e.column) for e in result.errors] == [(3, "name")]
    assert not Action.objects.exists()


def test_handling_types_need_a_known_kind(db, now):
    rows = [["name", "kind"], ["Råd og vejledning", "advice"], ["Dialog", "samtale"], ["", "other"]]
    result = run("handling", rows, now=now)
    assert [(e.row, e.column) for e in result.errors] == [(3, "kind"), (4, "name")]
    assert not HandlingType.objects.exists()
    result = run("handling", rows[:2], now=now)
    assert HandlingType.objects.get().kind == "advice"


def test_the_dry_run_of_a_list_changes_nothing(db, now):
    result = run("reasons", [["name"], ["Manglende svar"]], now=now, dry_run=True)
    assert (result.errors, result.counts) == ([], {"created": 1, "updated": 0})
    assert not Reason.objects.exists()


@pytest.mark.parametrize("kind", ["organisation", "reasons", "handling", "actions"])
def test_each_list_command_imports_its_example_file(db, kind):
    out = io.StringIO()
    call_command(f"import_{kind}", f"docs/examples/{kind}.csv", "--no-progress", stdout=out)
    assert "rows imported" in out.getvalue()


def test_the_example_files_load_a_fresh_installation(db):
    for kind in ("organisation", "reasons", "handling", "actions", "inquiries"):
        call_command(
            f"import_{kind}", f"docs/examples/{kind}.csv", "--no-progress", stdout=io.StringIO()
        )
    from borgerraadgiver.inquiries.models import Inquiry

    assert Inquiry.objects.count() == 4


def test_a_file_with_only_column_names_is_refused(db, now):
    result = run("reasons", [["name"]], now=now)
    assert [(e.row, e.message) for e in result.errors] == [
        (0, "The file has no rows below the column names.")
    ]


def test_a_semicolon_separated_file_gets_a_clear_reason(db, now):
    result = run("reasons", [["name;description"], ["Manglende svar;"]], now=now)
    assert "semicolons" in result.errors[0].message
    assert not Reason.objects.exists()
