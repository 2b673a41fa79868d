import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from borgerraadgiver.imports.reading import csv_bytes
from borgerraadgiver.organisation.models import Action, Area, Department, HandlingType, Reason

HEADER = [
    "received_date",
    "area",
    "department",
    "reasons",
    "handling",
    "actions",
    "channel",
    "complainant",
    "closed_date",
    "forwarded_date",
    "deadline_date",
    "answered_date",
]


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(db):
    laering = Area.objects.create(name="Læring", sort_order=10)
    beskaeftigelse = Area.objects.create(name="Beskæftigelse", sort_order=20)
    outside = Area.objects.create(
        name="Udenfor kompetence", kind=Area.Kind.OUTSIDE_COMPETENCE, sort_order=30
    )
    departments = {
        "Familieafdelingen": Department.objects.create(
            area=laering, name="Familieafdelingen", valid_to=datetime.date(2023, 12, 31)
        ),
        "Børn og Familie": Department.objects.create(
            area=laering, name="Børn og Familie", valid_from=datetime.date(2024, 1, 1)
        ),
        "Skole": Department.objects.create(area=laering, name="Skole"),
        "Jobcenter": Department.objects.create(area=beskaeftigelse, name="Jobcenter"),
    }
    return {
        "areas": {a.name: a for a in (laering, beskaeftigelse, outside)},
        "departments": departments,
        "reasons": {
            name: Reason.objects.create(name=name)
            for name in ("Manglende svar", "Spørgsmål til sagsbehandlingen", "Afgørelse")
        },
        "handling": {
            "Råd og vejledning": HandlingType.objects.create(
                name="Råd og vejledning", kind=HandlingType.Kind.ADVICE
            ),
            "Dialogsag": HandlingType.objects.create(
                name="Dialogsag", kind=HandlingType.Kind.DIALOGUE
            ),
            "Oversendelsessag": HandlingType.objects.create(
                name="Oversendelsessag", kind=HandlingType.Kind.FORWARDED
            ),
        },
        "actions": {
            name: Action.objects.create(name=name)
            for name in ("Deltaget i møde", "Hjulpet med klage")
        },
    }


def row(**values: str) -> list[str]:
    """A valid advice-only row; keyword arguments change single columns."""
    base = {
        "received_date": "2024-03-01",
        "area": "Læring",
        "department": "Skole",
        "reasons": "Manglende svar",
        "handling": "Råd og vejledning",
        "actions": "",
        "channel": "phone",
        "complainant": "citizen",
        "closed_date": "",
        "forwarded_date": "",
        "deadline_date": "",
        "answered_date": "",
    }
    base.update(values)
    return [base[column] for column in HEADER]


def csv_file(rows: list[list[str]], *, header: list[str] | None = None, bom: bool = False):
    return io.BytesIO(csv_bytes([header or HEADER, *rows], bom=bom))


def xlsx_file(rows: list[list[object]], *, header: list[str] | None = None) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header or HEADER)
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out
