"""Passwords hashed with Argon2; sessions end after inactivity, at browser close and at logout."""

import datetime
import importlib

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.accounts.middleware import LAST_SEEN_SESSION_KEY
from borgerraadgiver.accounts.sessions import SessionStore
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("advisor:inquiry_list")


def base_settings():
    return importlib.import_module("borgerraadgiver.config.settings.base")


def test_argon2_hashes_passwords_in_every_environment_but_the_tests():
    assert base_settings().PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_an_older_hash_is_upgraded_to_argon2_at_login(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="md5")
    user.save()
    response = Client().post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2")


@pytest.mark.parametrize("password", ["short", "12345678901234", "password1234"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("blå-cykel-ved-fjorden-2024")


def test_sessions_last_30_minutes_without_activity_and_end_when_the_browser_closes():
    settings = base_settings()
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_the_session_cookie_is_not_kept_after_the_browser_closes(advisor_client):
    advisor_client.cookies.pop("sessionid", None)
    response = advisor_client.post(
        reverse("accounts:login"), {"username": "advisor", "password": PASSWORD}
    )
    morsel = response.cookies["sessionid"]
    assert morsel["max-age"] == "" and morsel["expires"] == ""


def test_working_moves_the_end_of_the_session_forward(advisor_client):
    session = advisor_client.session
    session[LAST_SEEN_SESSION_KEY] -= 120  # the last request was two minutes ago
    session.save()
    before = Session.objects.get(session_key=session.session_key).expire_date
    assert advisor_client.get(LIST).status_code == 200
    after = Session.objects.get(session_key=session.session_key).expire_date
    assert after > before


def test_a_page_within_a_minute_of_the_last_does_not_write_the_session(advisor_client):
    session_key = advisor_client.session.session_key
    before = Session.objects.get(session_key=session_key).expire_date
    advisor_client.get(LIST)
    assert Session.objects.get(session_key=session_key).expire_date == before


def test_an_inactive_session_has_ended(advisor_client):
    session_key = advisor_client.session.session_key
    Session.objects.filter(session_key=session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = advisor_client.get(LIST)
    assert response["Location"].startswith(reverse("accounts:login"))


def test_logout_deletes_the_session(advisor_client):
    session_key = advisor_client.session.session_key
    advisor_client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=session_key).exists()


def test_a_page_reads_its_session_by_one_plain_query(advisor_client):
    """The app's session store (`accounts.sessions`) reads the session's data alone, by a
    statement written once, not through the ORM; what it finds is Django's own."""
    advisor_client.get(LIST)
    with CaptureQueriesContext(connection) as queries:
        assert advisor_client.get(LIST).status_code == 200
    (read,) = [query["sql"] for query in queries if "django_session" in query["sql"]]
    assert read.startswith('SELECT "session_data" FROM "django_session" WHERE "session_key" = ')
    assert base_settings().SESSION_ENGINE == "borgerraadgiver.accounts.sessions"


def test_the_store_finds_what_django_s_store_finds(advisor_client):
    key = advisor_client.session.session_key
    assert SessionStore(key).load() == DjangoSessionStore(key).load() != {}
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None
