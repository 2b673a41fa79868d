"""The demo's department managers: one per department, named after it."""

import pytest

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo.forwardings import managers_load
from borgerraadgiver.demo.users import MANAGER_PASSWORD
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_a_manager_of_an_earlier_load_under_another_name_is_retired():
    department = DepartmentFactory(name="Sundhed og Ældre")
    earlier = User.objects.create_user("leder-sundhed-og-ldre", password=MANAGER_PASSWORD)
    earlier.managed_departments.add(department)
    managers = managers_load()
    assert managers["department", department.pk].username == "leder-sundhed-og-aeldre"
    earlier.refresh_from_db()
    assert not earlier.is_active
    assert not earlier.check_password(MANAGER_PASSWORD)
    assert not earlier.managed_departments.exists()
    assert list(department.managers.all()) == [managers["department", department.pk]]
