import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import PASSWORD, AdministratorFactory, AdvisorFactory, UserFactory

NOW = timezone.make_aware(datetime.datetime(2024, 6, 14, 10, 30))


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
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def advisor_client(advisor) -> Client:
    return _client_for(advisor)


@pytest.fixture
def administrator_client(administrator) -> Client:
    return _client_for(administrator)


@pytest.fixture
def plain_client(plain_user) -> Client:
    return _client_for(plain_user)
