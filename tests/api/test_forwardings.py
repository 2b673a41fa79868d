"""Forwardings through the API: a manager sees only their own departments', as in the portal."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import forwarding_draft
from tests.api.conftest import token_client
from tests.factories import DepartmentFactory, InquiryFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

LIST = "/api/forwardings/"
DAY = datetime.date(2024, 3, 4)


@pytest.fixture
def own(make_sent, department, manager):
    return make_sent(DAY, department=department)


@pytest.fixture
def others(make_sent):
    return make_sent(DAY, department=DepartmentFactory(name="Skole"))


def test_a_manager_sees_only_their_own_departments_forwardings(manager, own, others):
    api = token_client(manager)
    body = api.get(LIST).json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert api.get(f"{LIST}{own.pk}/").status_code == 200
    assert api.get(f"{LIST}{others.pk}/").status_code == 404
    # Filtering by another department shows nothing either.
    assert api.get(LIST, {"department": others.department_id}).json()["count"] == 0


def test_an_advisor_sees_every_forwarding_drafts_included(advisor, own, others):
    draft = _draft(advisor, own.department)
    body = token_client(advisor).get(LIST).json()
    assert {row["id"] for row in body["results"]} == {own.pk, others.pk, draft.pk}


def test_a_manager_never_sees_a_draft(advisor, manager, department):
    draft = _draft(advisor, department)
    api = token_client(manager)
    assert api.get(LIST).json()["count"] == 0
    assert api.get(f"{LIST}{draft.pk}/").status_code == 404


def _draft(advisor, department) -> Forwarding:
    inquiry = InquiryFactory(department=department, received_date=DAY)
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Borgeren",
        given_date=DAY,
        method="phone",
    )
    return forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.DIALOGUE,
        department=department,
        text="Kladde",
    )


def test_the_detail_shows_the_text_sent_and_is_logged(manager, own):
    body = token_client(manager).get(f"{LIST}{own.pk}/").json()
    assert body["text"] == "Borgeren venter på svar."
    assert body["status"] == "sent"
    assert body["case_number"] == own.inquiry.case_number
    entry = AccessLogEntry.objects.get(user=manager, action=AccessLogEntry.Action.VIEW)
    assert entry.inquiry_id == own.inquiry_id
    assert (entry.event, entry.detail) == (AccessEvent.API_FORWARDING_VIEWED, str(own.pk))


def test_the_list_is_logged_as_a_search(manager, own):
    token_client(manager).get(LIST, {"status": "sent"})
    entry = AccessLogEntry.objects.get(user=manager, action=AccessLogEntry.Action.SEARCH)
    assert entry.inquiry_id == own.inquiry_id
    assert "status=sent" in entry.detail


def test_the_manager_answers_through_the_service(manager, own):
    api = token_client(manager)
    response = api.post(f"{LIST}{own.pk}/answer/", {"answer_text": "Vi har ringet til borgeren."})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    own.refresh_from_db()
    assert (own.status, own.answered_by) == (Forwarding.Status.ANSWERED, manager)
    assert AccessLogEntry.objects.filter(
        user=manager, event=AccessEvent.FORWARDING_ANSWERED
    ).exists()
    # Answered once: a second answer is refused.
    again = api.post(f"{LIST}{own.pk}/answer/", {"answer_text": "Igen"})
    assert again.status_code == 403


def test_an_empty_answer_is_a_400_on_the_field(manager, own):
    response = token_client(manager).post(f"{LIST}{own.pk}/answer/", {"answer_text": "  "})
    assert response.status_code == 400
    assert "answer_text" in response.json()


def test_another_departments_manager_cannot_answer(manager, others):
    response = token_client(manager).post(f"{LIST}{others.pk}/answer/", {"answer_text": "Svar"})
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["advisor", "manager"])
def test_the_list_runs_the_same_queries_for_1_or_20_forwardings(who, request, make_sent):
    department = request.getfixturevalue("department")
    user = request.getfixturevalue(who)
    api = token_client(user)
    make_sent(DAY, department=department)

    def count() -> int:
        api.get(LIST)  # who manages a department is kept after a first request (organisation.kept)
        with CaptureQueriesContext(connection) as captured:
            assert api.get(LIST).status_code == 200
        return len(captured)

    few = count()
    for _ in range(19):
        make_sent(DAY, department=department)
    assert count() == few
    # token and user, (the lists' token: who manages a department is kept,) count, the page's
    # rows, the access-log rows
    assert few == (4 if who == "advisor" else 5)
