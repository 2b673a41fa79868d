import pytest
from django.test import Client

from tests.conftest import _client_for
from tests.factories import DepartmentFactory, UserFactory


@pytest.fixture
def manager_client(db) -> Client:
    """A department manager: sees forwardings to their own department, no person's data."""
    manager = UserFactory(username="manager")
    manager.managed_departments.add(DepartmentFactory())
    return _client_for(manager)


@pytest.fixture
def client_for():
    return _client_for
