import pytest

from borgerraadgiver.inquiries.models import Person
from borgerraadgiver.letters.default_templates import default_templates_load
from borgerraadgiver.letters.models import LetterTemplate, LetterTemplateVersion

# The browser tests' fixtures, for the letters' browser journey (test_browser_journey.py).
from tests.browser.conftest import advisor_page, browser, context, org  # noqa: F401
from tests.factories import InquiryFactory, PersonFactory


@pytest.fixture(autouse=True)
def default_templates(request):
    """The office's default templates, as the data migration loads them: a test database
    flushed by a transactional test has lost the migration's rows."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        default_templates_load(LetterTemplate, LetterTemplateVersion)


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
