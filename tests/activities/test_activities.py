"""Activities: the advisor registers, edits and deletes them; nobody else sees them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.activities.services import activity_create, activity_delete, activity_update
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.organisation.models import ActivityKind
from tests.factories import DepartmentFactory

LIST = reverse("activities:activity_list")
NEW = reverse("activities:activity_new")


@pytest.fixture
def kinds(db):
    return {
        name: ActivityKind.objects.create(name=name, sort_order=order)
        for order, name in enumerate(["Oplæg", "Sparring med medarbejdere", "Dialogmøde"])
    }


def make(advisor, now, kind, day=datetime.date(2024, 5, 1), **kwargs):
    kwargs.setdefault("audience", "Ledergruppen")
    return activity_create(created_by=advisor, now=now, activity_date=day, kind=kind, **kwargs)


def test_registering_an_activity_from_the_page_shows_it_in_its_year(advisor_client, kinds):
    department = DepartmentFactory(name="Jobcenter")
    response = advisor_client.post(
        NEW,
        {
            "activity_date": "2024-04-23",
            "kind": kinds["Oplæg"].pk,
            "department": department.pk,
            "audience": "",
            "note": "God sagsbehandling",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?year=2024"
    activity = Activity.objects.get()
    assert activity.department == department
    page = advisor_client.get(response["Location"]).content.decode()
    assert "Jobcenter" in page and "God sagsbehandling" in page


def test_an_activity_needs_a_department_or_an_audience(advisor_client, kinds):
    response = advisor_client.post(
        NEW, {"activity_date": "2024-04-23", "kind": kinds["Oplæg"].pk, "note": "x"}
    )
    assert response.status_code == 200
    assert "audience" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_department_not_valid_on_the_date_is_refused(advisor, now, kinds):
    department = DepartmentFactory(valid_to=datetime.date(2023, 12, 31))
    with pytest.raises(ValidationError) as error:
        make(advisor, now, kinds["Oplæg"], department=department, audience="")
    assert "department" in error.value.message_dict


def test_a_retired_kind_is_refused_for_a_new_activity_but_kept_on_edit(advisor, now, kinds):
    activity = make(advisor, now, kinds["Dialogmøde"])
    kinds["Dialogmøde"].is_active = False
    kinds["Dialogmøde"].save()
    with pytest.raises(ValidationError):
        make(advisor, now, kinds["Dialogmøde"])
    activity_update(
        activity=activity,
        changed_by=advisor,
        now=now,
        activity_date=datetime.date(2024, 5, 2),
        kind=kinds["Dialogmøde"],
        audience="Direktionen",
    )
    activity.refresh_from_db()
    assert activity.audience == "Direktionen"


def test_the_list_counts_per_kind_in_the_chosen_year(advisor_client, advisor, now, kinds):
    for day in (datetime.date(2024, 2, 1), datetime.date(2024, 4, 1), datetime.date(2023, 4, 1)):
        make(advisor, now, kinds["Oplæg"], day=day)
    make(advisor, now, kinds["Sparring med medarbejdere"], day=datetime.date(2024, 6, 1))
    response = advisor_client.get(LIST, {"year": 2024})
    counts = {row.name: row.count for row in response.context["counts"]}
    assert counts == {"Oplæg": 2, "Sparring med medarbejdere": 1}
    assert response.context["total"] == 3
    assert len(response.context["activities"]) == 3
    response = advisor_client.get(LIST, {"year": 2023})
    assert {row.name: row.count for row in response.context["counts"]} == {"Oplæg": 1}


def test_the_list_runs_a_fixed_number_of_queries(
    advisor_client, advisor, now, kinds, django_assert_num_queries
):
    for day in range(1, 4):
        make(advisor, now, kinds["Oplæg"], day=datetime.date(2024, 3, day))
    advisor_client.get(LIST, {"year": 2024})  # the office's lists kept (organisation.kept)
    # session, first and last date, counts, the lists' token (the office, who manages a
    # department, the user and its two-factor device and the menu's count of web-form submissions
    # waiting are kept), the list
    with django_assert_num_queries(6):
        advisor_client.get(LIST, {"year": 2024})
    for day in range(4, 20):
        make(advisor, now, kinds["Sparring med medarbejdere"], day=datetime.date(2024, 3, day))
    with django_assert_num_queries(6):
        response = advisor_client.get(LIST, {"year": 2024})
    assert len(response.context["activities"]) == 19


def test_editing_from_the_page(advisor_client, advisor, now, kinds):
    activity = make(advisor, now, kinds["Oplæg"])
    url = reverse("activities:activity_edit", args=[activity.pk])
    assert advisor_client.get(url).status_code == 200
    response = advisor_client.post(
        url,
        {
            "activity_date": "2024-05-03",
            "kind": kinds["Dialogmøde"].pk,
            "audience": "Direktionen",
            "note": "Ny note",
        },
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.kind, activity.note) == (kinds["Dialogmøde"], "Ny note")


def test_deleting_asks_first_and_then_deletes(advisor_client, advisor, now, kinds):
    activity = make(advisor, now, kinds["Oplæg"])
    url = reverse("activities:activity_delete", args=[activity.pk])
    assert advisor_client.get(url).status_code == 200
    assert Activity.objects.exists()
    assert advisor_client.post(url).status_code == 302
    assert not Activity.objects.exists()


def test_every_change_is_in_the_access_log(advisor, now, kinds):
    activity = make(advisor, now, kinds["Oplæg"])
    activity_update(
        activity=activity,
        changed_by=advisor,
        now=now,
        activity_date=activity.activity_date,
        kind=kinds["Oplæg"],
        audience="Direktionen",
    )
    activity_delete(activity=activity, deleted_by=advisor, now=now)
    rows = list(AccessLogEntry.objects.order_by("id").values_list("action", "user", "detail"))
    assert [(action, user) for action, user, _detail in rows] == [
        ("create", advisor.pk),
        ("change", advisor.pk),
        ("delete", advisor.pk),
    ]
    assert all("Oplæg" in detail for _a, _u, detail in rows)


@pytest.mark.parametrize("client_name", ["administrator_client", "plain_client"])
def test_others_are_refused_every_page(request, client_name, advisor, now, kinds):
    client = request.getfixturevalue(client_name)
    activity = make(advisor, now, kinds["Oplæg"])
    for url in (
        LIST,
        NEW,
        reverse("activities:activity_edit", args=[activity.pk]),
        reverse("activities:activity_delete", args=[activity.pk]),
    ):
        assert client.get(url).status_code == 403
    assert client.post(reverse("activities:activity_delete", args=[activity.pk])).status_code == 403
    assert Activity.objects.exists()


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(LIST).status_code == 302


def test_services_refuse_a_user_who_is_not_an_advisor(administrator, now, kinds):
    with pytest.raises(PermissionDenied):
        make(administrator, now, kinds["Oplæg"])


def test_the_list_opens_on_the_latest_year_with_activities(advisor_client, advisor, now, kinds):
    make(advisor, now, kinds["Oplæg"], day=datetime.date(2024, 5, 1))
    response = advisor_client.get(LIST)
    # The current year has none yet (the clock is past 2024): the list opens on 2024.
    assert response.context["year"] == 2024
    assert response.context["total"] == 1
