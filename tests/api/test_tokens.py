"""API tokens: made by the user on /api/token/ or by an operator's command, stored hashed."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import formats, timezone
from rest_framework.test import APIClient

from borgerraadgiver.accounts.services import user_second_factor_reset
from borgerraadgiver.api.models import ApiToken
from borgerraadgiver.api.services import api_token_create
from tests.factories import InquiryFactory
from tests.helpers import queries_for

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
    first = queries_for(advisor_client, PAGE)
    advisor_client.post(PAGE, {"create": ""})
    assert queries_for(advisor_client, PAGE) == first


def test_a_token_works_for_the_configured_days_and_not_after(advisor, settings):
    settings.API_TOKEN_DAYS = 30
    almost_30_days_ago = timezone.now() - datetime.timedelta(days=29, hours=23)
    key = api_token_create(user=advisor, now=almost_30_days_ago, second_factor_verified=True)
    assert works(key)
    thirty_days_and_a_minute_ago = timezone.now() - datetime.timedelta(days=30, minutes=1)
    key = api_token_create(
        user=advisor, now=thirty_days_and_a_minute_ago, second_factor_verified=True
    )
    assert not works(key)


def test_a_new_password_ends_the_token(advisor):
    key = api_token_create(user=advisor, now=timezone.now(), second_factor_verified=True)
    advisor.set_password("et-helt-nyt-kodeord-2026")
    advisor.save()
    assert not works(key)


def test_resetting_the_authenticator_app_ends_the_token(advisor):
    key = api_token_create(user=advisor, now=timezone.now(), second_factor_verified=True)
    # Reset by the server's operator (an advisor's app is not every administrator's to reset).
    user_second_factor_reset(user=advisor, reset_by=None, now=timezone.now())
    assert not works(key)
    assert not ApiToken.objects.filter(user=advisor).exists()


def test_a_manager_logged_in_with_the_password_alone_cannot_make_a_token(make_sent):
    forwarding = make_sent(datetime.date(2024, 3, 4))
    manager = forwarding.department.managers.get()
    client = Client()
    client.force_login(manager)  # a manager may log in without a second factor

    page = client.get(PAGE)
    assert page.context["second_factor_verified"] is False
    refused = client.post(PAGE, {"create": ""}, HTTP_ACCEPT_LANGUAGE="en")

    assert refused.status_code == 200
    assert refused.context["key"] is None
    assert "two-factor login" in refused.context["refused"]
    assert not ApiToken.objects.filter(user=manager).exists()


def test_the_page_says_until_when_the_token_works(advisor_client, advisor):
    advisor_client.post(PAGE, {"create": ""})
    token = ApiToken.objects.get(user=advisor)
    assert token.expires_at - token.created_at == datetime.timedelta(days=90)
    page = advisor_client.get(PAGE).content.decode()
    assert formats.date_format(timezone.localtime(token.expires_at), "SHORT_DATE_FORMAT") in page
