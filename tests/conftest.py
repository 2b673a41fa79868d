import datetime
import os

import pytest
from django.test import Client
from django.utils import timezone

from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import forwarding_draft, forwarding_send
from borgerraadgiver.organisation import kept
from borgerraadgiver.organisation.models import Action
from tests.demo.snapshot import DemoSnapshot, restored, shared_snapshot
from tests.factories import (
    ActionFactory,
    AdministratorFactory,
    AdvisorFactory,
    DepartmentFactory,
    InquiryFactory,
    UserFactory,
    handling_types_of_every_kind,
)
from tests.helpers import at
from tests.login import verified_client

NOW = timezone.make_aware(datetime.datetime(2024, 6, 14, 10, 30))


@pytest.fixture(autouse=True)
def _lists_not_kept_from_another_test():
    """Every test starts with no list kept (organisation.kept): a test's rollback brings back
    the token an earlier test may have kept rows under, so a page's queries would depend on the
    order the tests ran in."""
    kept.forget_every_row()


@pytest.fixture
def now() -> datetime.datetime:
    """A fixed moment: services take the time as an argument and never read the clock."""
    return NOW


@pytest.fixture
def advisor(db):
    return AdvisorFactory(username="advisor")


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="administrator")


@pytest.fixture
def plain_user(db):
    """Logged in, but with no role in the office."""
    return UserFactory(username="nobody")


def _client_for(user) -> Client:
    """Logged in and, for advisors and administrators, past the second factor (tests/login.py)."""
    return verified_client(user)


@pytest.fixture
def advisor_client(advisor) -> Client:
    return _client_for(advisor)


@pytest.fixture
def other_advisor_client(db) -> Client:
    """A second advisor, for two users working on the same inquiry at once."""
    return _client_for(AdvisorFactory(username="advisor2"))


@pytest.fixture
def report_reader_client(db) -> Client:
    """A member of the council or management: reads statistics and the published report."""
    return _client_for(UserFactory(username="reader", is_report_reader=True))


@pytest.fixture
def administrator_client(administrator) -> Client:
    return _client_for(administrator)


@pytest.fixture
def plain_client(plain_user) -> Client:
    return _client_for(plain_user)


@pytest.fixture
def handling_kinds(db):
    """The office's handling types of every kind (a sent forwarding sets the handling)."""
    return handling_types_of_every_kind()


@pytest.fixture
def follow_up_action(db):
    """The counted action a follow-up question on a department's answer is counted as."""
    return ActionFactory(
        name="Uddybende spørgsmål til forvaltningens svar", kind=Action.Kind.FOLLOW_UP_QUESTION
    )


@pytest.fixture
def make_sent(advisor, handling_kinds):
    """A forwarding sent on `day` to a department with a manager who has an e-mail address."""

    def make(day: datetime.date, department=None) -> Forwarding:
        department = department or DepartmentFactory()
        if not department.managers.exists():
            manager = UserFactory(email=f"leder{department.pk}@example.com")
            manager.managed_departments.add(department)
        inquiry = InquiryFactory(department=department, received_date=day)
        consent_record(
            inquiry=inquiry,
            recorded_by=advisor,
            now=at(day),
            given_by="Borgeren",
            given_date=day,
            method="phone",
        )
        forwarding = forwarding_draft(
            inquiry=inquiry,
            created_by=advisor,
            now=at(day),
            kind=Forwarding.Kind.FORWARDED,
            department=department,
            text="Borgeren venter på svar.",
        )
        return forwarding_send(forwarding=forwarding, sent_by=advisor, now=at(day))

    return make


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoSnapshot:
    """The demo register, loaded once for the whole run (tests/demo/snapshot.py)."""
    run_directory = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_directory = run_directory.parent  # xdist's workers each have a folder in it
    with django_db_blocker.unblock():
        return shared_snapshot(run_directory)


@pytest.fixture(scope="module")
def demo_register(demo_snapshot, django_db_blocker):
    """The demo, restored once for the module; each test runs in a savepoint inside it, so a
    test that changes the demo's data leaves it as it was for the next."""
    with django_db_blocker.unblock(), restored(demo_snapshot):
        yield
