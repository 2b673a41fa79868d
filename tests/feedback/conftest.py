import datetime

import pytest

from borgerraadgiver.inquiries.models import Inquiry
from tests.factories import HandlingTypeFactory, InquiryFactory

RECEIVED = datetime.date(2024, 3, 1)
CLOSED = datetime.date(2024, 5, 2)


@pytest.fixture
def closed_inquiry(db) -> Inquiry:
    """A closed inquiry whose citizen left an e-mail address."""
    return InquiryFactory(
        received_date=RECEIVED,
        status=Inquiry.Status.CLOSED,
        closed_date=CLOSED,
        handling_type=HandlingTypeFactory(name="Råd og vejledning", kind="advice"),
    )
