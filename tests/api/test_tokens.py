"""API tokens: made by the user on /api/token/ or by an operator's command, stored hashed."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from borgerraadgiver.api.models import ApiToken
from tests.factories import InquiryFactory

pytestmark = pytest.mark.django_db

PAGE = "/api/token/"


def works(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/inquiries/").status_code == 200


def test_the_command_prints_a_token_that_works_and_is_stored_hashed(advisor, capsys):
    InquiryFactory()
    call_command("api_token", advisor.username)
    key = capsys.readouterr().out.strip()
    assert works(key)
    token = ApiToken.objects.get(user=advisor)
    assert key not in (token.key_hash, token.prefix)
    assert token.prefix == key[:8]


def test_a_new_token_replaces_the_old_and_revoke_deletes_it(advisor, capsys):
    call_command("api_token", advisor.username)
    old = capsys.readouterr().out.strip()
    call_command("api_token", advisor.username)
    new = capsys.readouterr().out.strip()
    assert not works(old)
    assert works(new)
    call_command("api_token", advisor.username, "--revoke")
    assert not works(new)
    assert not ApiToken.objects.exists()


def test_the_command_refuses_a_user_without_a_role_the_api_serves(plain_user, administrator):
    for user in (plain_user, administrator):
        with pytest.raises(CommandError):
            call_command("api_token", user.username)
    with pytest.raises(CommandError):
        call_command("api_token", "nobody-at-all")


def test_the_page_shows_a_new_token_once(advisor_client, advisor):
    page = advisor_client.get(PAGE)
    assert page.status_code == 200
    assert page.context["token"] is None
    made = advisor_client.post(PAGE, {"create": ""})
    assert made.status_code == 200
    key = made.context["key"]
    assert key in made.content.decode()
    assert "no-store" in made["Cache-Control"]
    assert works(key)
    again = advisor_client.get(PAGE)
    assert key not in again.content.decode()
    assert ApiToken.objects.get(user=advisor).prefix in again.content.decode()


def test_the_page_deletes_the_token(advisor_client, advisor):
    key = advisor_client.post(PAGE, {"create": ""}).context["key"]
    advisor_client.post(PAGE, {"revoke": ""})
    assert not works(key)
    assert not ApiToken.objects.filter(user=advisor).exists()


def test_the_page_is_refused_to_users_the_api_has_nothing_for(plain_client, administrator_client):
    assert plain_client.get(PAGE).status_code == 403
    assert plain_client.post(PAGE, {"create": ""}).status_code == 403
    assert administrator_client.get(PAGE).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_page_sends_a_visitor_to_the_login_page(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_page_runs_a_fixed_number_of_queries(advisor_client):
    with CaptureQueriesContext(connection) as captured:
        assert advisor_client.get(PAGE).status_code == 200
    first = len(captured)
    advisor_client.post(PAGE, {"create": ""})
    with CaptureQueriesContext(connection) as captured:
        assert advisor_client.get(PAGE).status_code == 200
    assert len(captured) == first
