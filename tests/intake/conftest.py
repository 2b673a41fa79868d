import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from borgerraadgiver.intake.models import Submission
from borgerraadgiver.organisation.models import Area
from tests.factories import AreaFactory, DepartmentFactory, UserFactory, submission_sent
from tests.login import verified_client

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf(name: str = "brev.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def places(db) -> SimpleNamespace:
    """Today's organisation: two areas with departments, one without, a closed department, and
    the two special areas a citizen is never offered."""
    learning = AreaFactory(name="Læring", sort_order=1)
    employment = AreaFactory(name="Beskæftigelse", sort_order=2)
    director = AreaFactory(name="Kommunaldirektørens område", sort_order=3)
    AreaFactory(name="Udenfor kompetence", kind=Area.Kind.OUTSIDE_COMPETENCE, sort_order=8)
    AreaFactory(name="Borgerrådgiverfunktionen", kind=Area.Kind.GENERAL, sort_order=9)
    return SimpleNamespace(
        learning=learning,
        employment=employment,
        director=director,
        family=DepartmentFactory(area=learning, name="Børn og Familie", sort_order=1),
        school=DepartmentFactory(area=learning, name="Skole", sort_order=2),
        jobcentre=DepartmentFactory(area=employment, name="Jobcenter", sort_order=1),
        closed=DepartmentFactory(
            area=employment, name="Gammel afdeling", valid_to=datetime.date(2020, 1, 1)
        ),
    )


def form_data(places, **overrides) -> dict[str, object]:
    data: dict[str, object] = {
        "complainant_kind": "citizen",
        "name": "Karen Prøvesen",
        "phone": "12 34 56 78",
        "email": "karen@example.com",
        "address": "",
        "place": f"d{places.family.pk}",
        "what_happened": "Jeg har ventet fire måneder på svar på min ansøgning.",
        "what_they_want": "Et svar.",
        "consents_to_contact": "yes",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_submission(places, now):
    """A submission stored through the service, as the web form stores it."""
    counter = iter(range(1, 1000))

    def make(*, attachments=(), **overrides) -> Submission:
        values = {
            "email": "karen@example.com",
            "department": places.family,
            "what_happened": "Jeg har ventet fire måneder på svar.",
            "what_they_want": "Et svar.",
            **overrides,
        }
        return submission_sent(
            now=now, uploads=attachments, client_address=f"10.0.0.{next(counter)}", **values
        )

    return make


@pytest.fixture
def manager_client(places) -> Client:
    manager = UserFactory(username="leder")
    manager.managed_departments.add(places.family)
    return verified_client(manager)


@pytest.fixture
def reader_client(db) -> Client:
    return verified_client(UserFactory(username="laeser", is_report_reader=True))
