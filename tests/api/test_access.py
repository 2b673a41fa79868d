"""Every endpoint × every role, with the answer each gets (issue 5: API in the access matrix)."""

import datetime

import pytest
from django.test import Client

from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.services import recommendation_create
from tests.api.conftest import ROLES
from tests.factories import PASSWORD, AdvisorFactory, InquiryFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

# role order: anonymous, plain, manager, report_reader, advisor, administrator
EXPECTED = {
    ("get", "/api/inquiries/"): [401, 403, 403, 403, 200, 403],
    ("post", "/api/inquiries/"): [401, 403, 403, 403, 400, 403],
    ("get", "/api/inquiries/{inquiry}/"): [401, 403, 403, 403, 200, 403],
    ("patch", "/api/inquiries/{inquiry}/"): [401, 403, 403, 403, 400, 403],
    ("get", "/api/forwardings/"): [401, 403, 200, 403, 200, 403],
    ("get", "/api/forwardings/{forwarding}/"): [401, 403, 200, 403, 200, 403],
    # The advisor reads the answer but does not write it: that is the department's.
    ("post", "/api/forwardings/{forwarding}/answer/"): [401, 403, 200, 403, 403, 403],
    ("get", "/api/recommendations/"): [401, 403, 200, 403, 200, 403],
    ("get", "/api/recommendations/{recommendation}/"): [401, 403, 200, 403, 200, 403],
    ("get", "/api/statistics/?year=2024"): [401, 403, 403, 200, 200, 403],
    ("get", "/api/schema/"): [401, 200, 200, 200, 200, 200],
}
BODIES = {"/api/forwardings/{forwarding}/answer/": {"answer_text": "Vi har talt med borgeren."}}


@pytest.fixture
def forwarding(department, manager, make_sent):
    import datetime

    return make_sent(datetime.date(2024, 3, 4), department=department)


def _recommendation(forwarding):
    """A recommendation to the forwarding's department, resting on its inquiry."""
    return recommendation_create(
        created_by=AdvisorFactory(),
        now=at(datetime.date(2024, 3, 4)),
        text="Svar inden for tre uger.",
        period=ReportPeriod(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        sent_date=datetime.date(2024, 3, 4),
        response_deadline_date=datetime.date(2024, 5, 1),
        departments=[forwarding.department],
        inquiries=[forwarding.inquiry],
    )


@pytest.mark.parametrize(("method", "url"), list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_each_endpoint_answers_each_role_as_the_pages_do(
    role_client, forwarding, method, url, role
):
    client = role_client(role)
    expected = EXPECTED[(method, url)][ROLES.index(role)]
    path = url.format(
        inquiry=forwarding.inquiry_id,
        forwarding=forwarding.pk,
        recommendation=_recommendation(forwarding).pk,
    )
    response = getattr(client, method)(path, BODIES.get(url, {}), format="json")
    assert response.status_code == expected, response.content
    if expected == 401:
        assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_refused(role_client):
    client = role_client("anonymous")
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get("/api/inquiries/").status_code == 401


def test_the_api_answers_a_danish_caller_in_danish(role_client):
    """DRF is used as a library, not an installed app; its own messages are still translated."""
    client = role_client("anonymous")
    response = client.get("/api/inquiries/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 401
    assert response.json()["detail"] == "Legitimation til autentificering blev ikke angivet."


def test_an_inactive_users_token_stops_working(role_client, advisor):
    client = role_client("advisor")
    advisor.is_active = False
    advisor.save()
    assert client.get("/api/inquiries/").status_code == 401


def test_the_session_alone_does_not_open_the_api(advisor):
    """A browser's session cookie is no key to the API (so no CSRF question arises)."""
    client = Client()
    assert client.login(username=advisor.username, password=PASSWORD)
    InquiryFactory()
    assert client.get("/api/inquiries/").status_code == 401
    assert client.post("/api/inquiries/", {}, content_type="application/json").status_code == 401


def test_the_schema_page_opens_with_the_session(advisor_client):
    assert advisor_client.get("/api/schema/").status_code == 200
    page = advisor_client.get("/api/docs/")
    assert page.status_code == 200
    assert b"swagger-ui-bundle.js" in page.content
    # The start-up script is a file of its own: no inline script for the Content Security Policy.
    assert b"<script>" not in page.content
    script = advisor_client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content


def test_the_schema_page_sends_a_visitor_to_the_login_page(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_advisor_past_the_password_only_gets_neither_schema_nor_its_page(advisor):
    client = Client()
    client.force_login(advisor)  # no second factor given
    assert client.get("/api/schema/").status_code == 401
    page = client.get("/api/docs/")
    assert page.status_code == 302
    assert page["Location"].startswith(("/accounts/login/code/", "/accounts/two-factor/set-up/"))


def test_an_unknown_address_under_the_api_is_a_json_404(role_client):
    response = role_client("advisor").get("/api/no-such-address/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert role_client("anonymous").get("/api/no-such-address/").status_code == 401
