import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from borgerraadgiver.api.services import api_token_create
from tests.factories import AdministratorFactory, DepartmentFactory, UserFactory

ROLES = ["anonymous", "plain", "manager", "report_reader", "advisor", "administrator"]


def token_client(user) -> APIClient:
    """A program calling the API with the user's token (no session, no CSRF cookie)."""
    client = APIClient(enforce_csrf_checks=True)
    key = api_token_create(user=user, now=timezone.now(), second_factor_verified=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def department(db):
    return DepartmentFactory(name="Jobcenter")


@pytest.fixture
def manager(department):
    user = UserFactory(username="leder", email="leder@example.com")
    user.managed_departments.add(department)
    return user


@pytest.fixture
def report_reader(db):
    return UserFactory(username="laeser", is_report_reader=True)


@pytest.fixture
def role_client(advisor, plain_user, manager, report_reader):
    """The API client of a role: `role_client("manager")`. The administrator is not an advisor."""
    administrator = AdministratorFactory(username="admin")

    def make(role: str) -> APIClient:
        if role == "anonymous":
            return APIClient(enforce_csrf_checks=True)
        if role == "administrator":
            # An administrator has no endpoint of their own; the token is made directly.
            return _raw_token_client(administrator)
        user = {
            "plain": plain_user,
            "manager": manager,
            "report_reader": report_reader,
            "advisor": advisor,
        }[role]
        if role == "plain":
            return _raw_token_client(user)
        return token_client(user)

    return make


def _raw_token_client(user) -> APIClient:
    """A token for a user the token service would refuse (to test that the API refuses too)."""
    from borgerraadgiver.api.models import ApiToken, token_hash

    key = f"test-{user.username}-key"
    # Valid in every other way: not expired, made under the user's password.
    ApiToken.objects.create(
        user=user,
        key_hash=token_hash(key),
        prefix=key[:8],
        created_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=1),
        auth_hash=user.get_session_auth_hash(),
    )
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


NOW = timezone.make_aware(datetime.datetime(2024, 6, 14, 10, 30))
