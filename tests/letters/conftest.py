import pytest

from borgerraadgiver.inquiries.models import Person
from tests.factories import InquiryFactory, PersonFactory


@pytest.fixture
def citizen(db) -> Person:
    """A citizen with every way to be reached: e-mail with consent, address and CPR number."""
    return PersonFactory(
        name="Jens Prøvesen",
        email="jens@example.com",
        letters_by_email=True,
        address="Søvej 4\n8700 Horsens",
        cpr="0101901234",
    )


@pytest.fixture
def inquiry(citizen):
    return InquiryFactory(person=citizen, case_number="BR-2026-0042")
