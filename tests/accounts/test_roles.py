"""The roles: what a report reader and an administrator may not see."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from borgerraadgiver.accounts.permissions import is_manager
from tests.factories import AreaFactory, DepartmentFactory, UserFactory
from tests.login import verified_client

pytestmark = pytest.mark.django_db

# Apps whose models hold personal data: never in the admin for an administrator who is not
# also an advisor.
PERSONAL_DATA_APPS = {"inquiries", "audit", "forwarding", "intake", "privacy", "report_content"}
# Records without personal data, kept for the administrator: the deletion log says what was
# removed, when and under which rule (case number, dates, counts), never the removed data.
NO_PERSONAL_DATA = {"privacy.DeletionLogEntry"}


def test_a_report_reader_starts_at_the_statistics():
    reader = UserFactory(is_report_reader=True)
    response = verified_client(reader).get(reverse("advisor:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:statistics")


def test_an_administrator_who_is_not_an_advisor_sees_no_personal_data_in_the_admin(
    administrator, rf
):
    request = rf.get("/admin/")
    request.user = administrator
    shown = [
        f"{model._meta.app_label}.{model.__name__}"
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in PERSONAL_DATA_APPS
        and f"{model._meta.app_label}.{model.__name__}" not in NO_PERSONAL_DATA
        and (model_admin.has_view_permission(request) or model_admin.has_module_permission(request))
    ]
    assert shown == []


def test_the_admin_index_lists_only_configuration_and_users(administrator_client):
    content = administrator_client.get(reverse("admin:index")).content.decode()
    allowed = {name.lower() for name in NO_PERSONAL_DATA}
    for app in PERSONAL_DATA_APPS:
        for model in re.findall(rf'href="/admin/{app}/(\w+)/"', content):
            assert f"{app}.{model}" in allowed


@pytest.mark.parametrize(
    ("departments", "areas", "active", "expected"),
    [
        (1, 0, True, True),  # a department's manager
        (0, 1, True, True),  # an area's manager (an area without departments)
        (2, 1, True, True),
        (0, 0, True, False),
        (1, 1, False, False),  # a manager whose account is closed
    ],
)
def test_a_manager_is_one_who_manages_a_department_or_an_area(departments, areas, active, expected):
    user = UserFactory(is_active=active)
    UserFactory().managed_departments.add(DepartmentFactory())  # someone else's
    user.managed_departments.add(*DepartmentFactory.create_batch(departments))
    user.managed_areas.add(*AreaFactory.create_batch(areas))
    assert is_manager(user) is expected
    assert is_manager(AnonymousUser()) is False
