import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.recommendations.models import Recommendation, Status
from borgerraadgiver.recommendations.services import recommendation_create
from borgerraadgiver.recommendations.views import NOT_FOUND
from tests.factories import InquiryFactory
from tests.helpers import at
from tests.recommendations.conftest import YEAR_2024

pytestmark = pytest.mark.django_db


def _form(world, case_numbers: str) -> dict[str, object]:
    return {
        "text": "At afdelingen ringer borgeren op, når svaret bliver forsinket.",
        "year": "2024",
        "response_deadline_date": "2099-05-01",
        "departments": [world.a.pk],
        "case_numbers": case_numbers,
        "reasons": [world.reason.pk],
    }


def test_the_advisor_writes_a_recommendation_from_two_inquiries(world, advisor_client):
    first, second = world.inquiries
    page = advisor_client.get(
        reverse("recommendations:recommendation_new") + f"?inquiry={first.pk}"
    )
    assert page.status_code == 200
    assert page.context["form"].initial["case_numbers"] == first.case_number
    response = advisor_client.post(
        reverse("recommendations:recommendation_new"),
        _form(world, f"{first.case_number}, {second.case_number}"),
    )
    made = Recommendation.objects.latest("id")
    assert response.status_code == 302
    assert response.url == reverse("recommendations:recommendation_detail", args=[made.pk])
    assert set(made.inquiries.all()) == {first, second}
    assert list(made.departments.all()) == [world.a]
    assert made.period_start_date == datetime.date(2024, 1, 1)


def test_an_unknown_case_number_is_named_and_nothing_typed_is_lost(world, advisor_client):
    before = Recommendation.objects.count()
    response = advisor_client.post(
        reverse("recommendations:recommendation_new"),
        _form(world, f"{world.inquiries[0].case_number} BR-FINDES-IKKE"),
    )
    assert response.status_code == 400
    assert str(NOT_FOUND) % {"number": "BR-FINDES-IKKE"} in response.content.decode()
    assert "ringer borgeren op" in response.content.decode()
    assert Recommendation.objects.count() == before


def test_the_advisor_s_page_links_the_evidence_and_logs_the_showing(
    world, advisor_client, django_assert_num_queries
):
    url = reverse("recommendations:recommendation_detail", args=[world.recommendation.pk])
    advisor_client.get(url)  # the session's first request loads what every page needs once
    with django_assert_num_queries(9):
        page = advisor_client.get(url).content.decode()
    for inquiry in world.inquiries:
        assert inquiry.case_number in page
        assert reverse("advisor:inquiry_detail", args=[inquiry.pk]) in page
    logged = AccessLogEntry.objects.filter(
        event=AccessEvent.INQUIRY_LIST_VIEWED, detail=f"recommendation {world.recommendation.pk}"
    )
    assert {e.inquiry_id for e in logged} == {i.pk for i in world.inquiries}


def test_the_manager_sees_it_without_the_inquiries_or_any_person(
    world, manager_a_client, django_assert_num_queries
):
    world.advisor.first_name, world.advisor.last_name = "Rikke", "Rådgiversen"
    world.advisor.save()
    url = reverse("portal:recommendation_detail", args=[world.recommendation.pk])
    manager_a_client.get(url)
    with django_assert_num_queries(9):
        page = manager_a_client.get(url).content.decode()
    assert "inden for tre uger" in page
    assert "Manglende svar" in page  # the reasons are organisational
    for inquiry in world.inquiries:
        assert inquiry.case_number not in page
        assert "Evidensmarkør" not in page
    assert "Rådgiversen" not in page


def test_a_manager_of_another_department_gets_404(world, manager_b_client):
    url = reverse("portal:recommendation_detail", args=[world.recommendation.pk])
    assert manager_b_client.get(url).status_code == 404
    listed = manager_b_client.get(reverse("portal:recommendation_list")).content.decode()
    assert "inden for tre uger" not in listed


def test_the_manager_responds_in_the_portal_and_the_advisor_sees_it(
    world, manager_a_client, advisor_client
):
    response = manager_a_client.post(
        reverse("portal:recommendation_respond", args=[world.recommendation.pk]),
        {
            "status": Status.ACCEPTED,
            "text": "Vi indfører fast kvittering.",
            "planned_action": "Kvitteringsbrev i alle nye sager",
            "planned_by_date": "2099-09-01",
        },
    )
    assert response.status_code == 302
    world.recommendation.refresh_from_db()
    assert world.recommendation.status == Status.ACCEPTED
    page = advisor_client.get(
        reverse("recommendations:recommendation_detail", args=[world.recommendation.pk])
    ).content.decode()
    assert "Vi indfører fast kvittering." in page and "Børn og Familie" in page


def test_a_response_without_a_position_comes_back_with_the_text_kept(world, manager_a_client):
    response = manager_a_client.post(
        reverse("portal:recommendation_respond", args=[world.recommendation.pk]),
        {"text": "Vi kigger på det."},
    )
    assert response.status_code == 400
    assert "Vi kigger på det." in response.content.decode()


def test_the_inquiry_page_offers_a_recommendation_from_it(world, advisor_client):
    inquiry = InquiryFactory()
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert (
        reverse("recommendations:recommendation_new") + f"?inquiry={inquiry.pk}"
        in page.content.decode()
    )


def test_the_lists_take_a_fixed_number_of_queries(world, advisor_client, manager_a_client):
    def counts() -> tuple[int, int]:
        numbers = []
        for client, name in (
            (advisor_client, "recommendations:recommendation_list"),
            (manager_a_client, "portal:recommendation_list"),
        ):
            client.get(reverse(name))
            with CaptureQueriesContext(connection) as captured:
                assert client.get(reverse(name)).status_code == 200
            numbers.append(len(captured))
        return numbers[0], numbers[1]

    one = counts()
    # the advisor's list, the manager's (who manages a department, the user, the advisor's second
    # factor and the advisor's menu count of web-form submissions waiting are kept:
    # organisation.kept)
    assert one == (5, 5)
    for n in range(5):
        recommendation_create(
            created_by=world.advisor,
            now=at(datetime.date(2025, 3, 3)),
            text=f"Opfordring {n}",
            period=YEAR_2024,
            sent_date=datetime.date(2025, 3, 3),
            response_deadline_date=datetime.date(2025, 5, 1),
            departments=[world.a, world.b],
        )
    assert counts() == one
