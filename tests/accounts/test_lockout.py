"""Five wrong passwords lock that user name from that address for the cool-off period (axes)."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, AdvisorFactory
from tests.login import totp_device_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(hours=1)


@pytest.fixture
def user(db):
    user = AdvisorFactory(username="rikke")
    totp_device_for(user)
    return user


def attempt(client: Client, password: str, username: str = "rikke", address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_wrong_passwords_lock_and_the_sixth_with_the_right_one_is_refused(client, user):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    refused = attempt(client, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    content = refused.content.decode()
    assert 'id="locked-until"' in content
    assert refused.context["until"] is not None


def test_the_lock_page_says_when_to_try_again_and_whom_to_contact(client, user):
    for _ in range(5):
        response = attempt(client, "wrong")
    content = response.content.decode()
    assert 'role="alert"' in content
    assert response.context["office"].name in content


def test_the_lock_ends_after_the_cool_off_period(client, user):
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 429
    # Move the attempts more than an hour into the past.
    for row in AccessAttempt.objects.all():
        row.attempt_time -= datetime.timedelta(hours=1, minutes=1)
        row.save()
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/")["Location"].startswith(reverse("accounts:otp_verify"))


def test_a_successful_login_resets_the_count(client, user):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, PASSWORD).status_code == 302


def test_the_lock_is_per_user_name_and_address(client, user):
    other = AdvisorFactory(username="anders")
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(Client(), PASSWORD, address="10.0.0.2").status_code == 302
    assert attempt(Client(), PASSWORD, username=other.username).status_code == 302
    assert attempt(Client(), PASSWORD).status_code == 429


def test_an_administrator_lifts_a_lock_by_deleting_the_attempt(client, user, administrator):
    for _ in range(5):
        attempt(client, "wrong")
    AccessAttempt.objects.filter(username="rikke").delete()
    assert attempt(client, PASSWORD).status_code == 302


def test_behind_a_proxy_the_address_the_proxy_saw_counts_not_one_the_client_made_up(
    client, user, settings
):
    settings.LOGIN_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    login = reverse("accounts:login")
    for forged in range(5):
        # The client forges X-Forwarded-For; the proxy sets X-Real-IP; every request comes
        # from the proxy's own address.
        client.post(
            login,
            {"username": "rikke", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"6.6.6.{forged}",
            HTTP_X_REAL_IP="203.0.113.9",
            REMOTE_ADDR="10.0.0.254",
        )
    locked = client.post(
        login,
        {"username": "rikke", "password": PASSWORD},
        HTTP_X_REAL_IP="203.0.113.9",
        REMOTE_ADDR="10.0.0.254",
    )
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out.
    other = Client().post(
        login,
        {"username": "rikke", "password": PASSWORD},
        HTTP_X_REAL_IP="198.51.100.7",
        REMOTE_ADDR="10.0.0.254",
    )
    assert other.status_code == 302


def test_behind_nginx_the_lock_is_per_client_not_per_proxy(user, settings):
    """As deployed (deploy/env.example): every request comes from nginx at 127.0.0.1, which sets
    X-Real-IP to the client's address. An attacker elsewhere locks only their own address."""
    settings.LOGIN_CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"

    def through_nginx(client: Client, password: str, client_address: str):
        return client.post(
            LOGIN,
            {"username": "rikke", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_REAL_IP=client_address,
        )

    attacker = Client()
    for _ in range(5):
        through_nginx(attacker, "wrong", "203.0.113.9")
    assert through_nginx(attacker, PASSWORD, "203.0.113.9").status_code == 429
    # The advisor at the office, through the same nginx, is not locked out.
    assert through_nginx(Client(), PASSWORD, "10.20.30.40").status_code == 302


def test_the_administrator_reads_the_failed_logins_in_danish(user, administrator_client):
    for _ in range(2):
        attempt(Client(), "wrong")
    page = administrator_client.get(reverse("admin:accounts_loginlockout_changelist"))
    text = page.content.decode()
    assert page.status_code == 200 and "rikke" in text
    for danish in ("Mislykkede login og spærringer", "IP-adresse", "Seneste forsøg"):
        assert danish in text
    for english in ("Access attempts", "IP Address", "Failed Logins", "Attempt Time"):
        assert english not in text
