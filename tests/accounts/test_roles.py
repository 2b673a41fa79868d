"""The roles: what a report reader and an administrator may not see."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from borgerraadgiver.accounts.permissions import is_manager
from borgerraadgiver.organisation.kept import KeptListsMiddleware
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


def _assign_behind_the_apps_back(table: str, user_id: int, place_id: int, column: str) -> None:
    """As another process or a database administrator would: no signal, no model."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (user_id, {column}) VALUES (%s, %s)",  # noqa: S608 - the test's
            [user_id, place_id],
        )


@pytest.mark.parametrize(
    ("table", "column", "factory"),
    [
        ("accounts_user_managed_departments", "department_id", DepartmentFactory),
        ("accounts_user_managed_areas", "area_id", AreaFactory),
    ],
)
def test_a_manager_added_or_removed_anywhere_is_known_at_the_next_question(table, column, factory):
    user = UserFactory()
    place = factory()
    assert is_manager(user) is False  # kept by this process now
    _assign_behind_the_apps_back(table, user.pk, place.pk, column)
    assert is_manager(user) is True
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE user_id = %s", [user.pk])  # noqa: S608
    assert is_manager(user) is False


def test_a_manager_removed_loses_the_portal_at_the_next_page():
    department = DepartmentFactory()
    manager = UserFactory()
    manager.managed_departments.add(department)
    client = verified_client(manager)
    assert client.get(reverse("portal:forwarding_list")).status_code == 200
    manager.managed_departments.remove(department)
    assert client.get(reverse("portal:forwarding_list")).status_code == 404
    manager.managed_departments.add(department)
    assert client.get(reverse("portal:forwarding_list")).status_code == 200


def test_a_manager_added_within_a_request_is_a_manager_in_it():
    department = DepartmentFactory()
    user = UserFactory()

    def view(request):
        assert is_manager(user) is False
        user.managed_departments.add(department)  # a signal: the request reads the token again
        assert is_manager(user) is True
        return HttpResponse()

    KeptListsMiddleware(view)(RequestFactory().get("/"))
