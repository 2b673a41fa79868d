import datetime
from types import SimpleNamespace

import pytest

from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.services import recommendation_create
from tests.conftest import _client_for
from tests.factories import DepartmentFactory, InquiryFactory, ReasonFactory, UserFactory
from tests.helpers import at

YEAR_2024 = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
SENT = datetime.date(2025, 3, 3)


@pytest.fixture
def world(advisor):
    """Department A (manager_a) with two inquiries on a reason, department B (manager_b) in
    another area, and a recommendation to A resting on both inquiries."""
    a = DepartmentFactory(name="Børn og Familie")
    b = DepartmentFactory(name="Jobcenter")
    manager_a = UserFactory(username="manager_a", email="a@example.com")
    manager_a.managed_departments.set([a])
    manager_b = UserFactory(username="manager_b", email="b@example.com")
    manager_b.managed_departments.set([b])
    reason = ReasonFactory(name="Manglende svar")
    inquiries = [
        InquiryFactory(department=a, reasons=[reason], summary="Evidensmarkør: venter på svar")
        for _ in range(2)
    ]
    recommendation = recommendation_create(
        created_by=advisor,
        now=at(SENT),
        text="At afdelingen svarer borgerne inden for tre uger.",
        period=YEAR_2024,
        sent_date=SENT,
        response_deadline_date=datetime.date(2025, 5, 1),
        departments=[a],
        inquiries=inquiries,
        reasons=[reason],
    )
    return SimpleNamespace(
        a=a,
        b=b,
        manager_a=manager_a,
        manager_b=manager_b,
        reason=reason,
        inquiries=inquiries,
        recommendation=recommendation,
        advisor=advisor,
    )


@pytest.fixture
def manager_a_client(world):
    return _client_for(world.manager_a)


@pytest.fixture
def manager_b_client(world):
    return _client_for(world.manager_b)
