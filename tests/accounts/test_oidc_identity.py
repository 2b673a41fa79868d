"""Single sign-on finds the user by the provider's issuer and subject, never by a user name
(issue 15, finding 8); an existing account is linked only by the operator (no network)."""

import logging
import re
import time

import pytest
from django.contrib.auth import get_user
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import include, path
from django.utils.translation import gettext
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from borgerraadgiver.accounts.models import OidcIdentity, User
from borgerraadgiver.accounts.oidc import (
    ALREADY_LINKED,
    IDENTITY_TAKEN,
    NOT_LINKED,
    RoleMappingOIDCBackend,
)
from borgerraadgiver.config.urls import urlpatterns as site_urlpatterns
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.example/realms/hedensted"
BACKEND = "borgerraadgiver.accounts.oidc.RoleMappingOIDCBackend"
# The site with single sign-on turned on, as config/urls.py has it when OIDC_ENABLED.
urlpatterns = [*site_urlpatterns, path("oidc/", include("borgerraadgiver.accounts.oidc_urls"))]


@pytest.fixture(autouse=True)
def oidc_settings(settings):
    settings.OIDC_RP_CLIENT_ID = "borgerraadgiver"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://idp.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://idp.example/userinfo"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example/auth"
    settings.OIDC_OP_ISSUER = ""
    settings.OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_GROUPS_CLAIM = "groups"
    settings.OIDC_ADVISOR_GROUPS = ["BR-Raadgivere"]
    settings.OIDC_ADMINISTRATOR_GROUPS = ["BR-Admin"]
    settings.OIDC_REPORT_READER_GROUPS = []
    settings.OIDC_SUPERUSER_GROUPS = []
    settings.OIDC_DEPARTMENT_GROUPS = {}
    settings.OIDC_MFA_AMR_VALUES = ["mfa"]
    settings.LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]


def token(sub="a1b2", username="rikke", iss=ISSUER, **extra) -> dict:
    """The ID token's claims; the user info repeats them and adds name and groups."""
    return {"iss": iss, "sub": sub, "preferred_username": username, "amr": ["mfa"], **extra}


def userinfo(payload: dict, *groups: str) -> dict:
    info = {k: v for k, v in payload.items() if k not in ("iss", "amr")}
    return {**info, "given_name": "Rikke", "family_name": "Rådgiver", "groups": list(groups)}


def log_in(monkeypatch, payload: dict, *groups: str) -> User:
    """What the backend makes of a login whose ID token and user info say these things."""
    request = RequestFactory().get("/oidc/callback/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    backend = RoleMappingOIDCBackend()
    backend.request = request
    monkeypatch.setattr(
        OIDCAuthenticationBackend, "get_userinfo", lambda self, a, i, p: userinfo(payload, *groups)
    )
    return backend.get_or_create_user("access", "id", payload)


def test_the_first_login_creates_a_user_linked_to_the_issuer_and_subject(monkeypatch):
    user = log_in(monkeypatch, token(), "BR-Raadgivere")
    assert user.username == "rikke" and user.is_advisor
    identity = OidcIdentity.objects.get(user=user)
    assert (identity.issuer, identity.subject) == (ISSUER, "a1b2")


def test_the_same_subject_with_a_new_user_name_is_the_same_user(monkeypatch):
    first = log_in(monkeypatch, token(username="rikke"))
    again = log_in(monkeypatch, token(username="rikke.raadgiver"), "BR-Raadgivere")
    assert again.pk == first.pk and again.is_advisor
    assert User.objects.count() == 1


def test_the_same_user_name_with_another_subject_is_refused(monkeypatch, caplog):
    first = log_in(monkeypatch, token(sub="a1b2"), "BR-Admin")
    with (
        caplog.at_level(logging.WARNING, logger="borgerraadgiver.accounts.oidc"),
        pytest.raises(PermissionDenied),
    ):
        log_in(monkeypatch, token(sub="z9y8"), "BR-Admin")
    assert "z9y8" in caplog.text and ISSUER in caplog.text
    assert list(User.objects.all()) == [first]


def test_the_same_subject_at_another_issuer_is_not_the_same_user(monkeypatch):
    log_in(monkeypatch, token(username="rikke"))
    other = log_in(monkeypatch, token(username="rikke2", iss="https://other-idp.example"))
    assert other.username == "rikke2"
    assert OidcIdentity.objects.get(user=other).issuer == "https://other-idp.example"


def test_an_existing_local_account_is_not_taken_over_by_a_login_with_its_user_name(monkeypatch):
    local = UserFactory(username="Rikke", is_advisor=True)
    with pytest.raises(PermissionDenied):
        log_in(monkeypatch, token(username="rikke"), "BR-Admin")
    local.refresh_from_db()
    assert local.is_advisor and not local.is_administrator and local.has_usable_password()
    assert not OidcIdentity.objects.exists()


def test_the_issuer_setting_is_used_when_the_token_has_none(monkeypatch, settings):
    settings.OIDC_OP_ISSUER = ISSUER
    user = log_in(monkeypatch, token(iss=None))
    assert OidcIdentity.objects.get(user=user).issuer == ISSUER


def test_a_token_from_another_issuer_than_the_configured_one_is_refused(monkeypatch, settings):
    settings.OIDC_OP_ISSUER = ISSUER
    with pytest.raises(SuspiciousOperation):
        log_in(monkeypatch, token(iss="https://evil.example"))
    assert not User.objects.exists()


def test_user_info_about_another_subject_than_the_id_token_is_refused(monkeypatch):
    monkeypatch.setattr(
        OIDCAuthenticationBackend, "get_userinfo", lambda self, a, i, p: userinfo(token(sub="x"))
    )
    backend = RoleMappingOIDCBackend()
    with pytest.raises(SuspiciousOperation):
        backend.get_userinfo("access", "id", token(sub="a1b2"))


def test_the_operator_links_a_local_account_and_then_the_login_works(monkeypatch):
    local = UserFactory(username="rikke", is_advisor=True)
    call_command("link_oidc_identity", "rikke", issuer=ISSUER, subject="a1b2")
    user = log_in(monkeypatch, token(), "BR-Admin")
    assert user.pk == local.pk
    # From now on the groups decide the roles, and the password no longer works.
    assert user.is_administrator and not user.is_advisor and not user.has_usable_password()


def test_the_link_command_never_moves_a_link(monkeypatch):
    log_in(monkeypatch, token(sub="a1b2", username="rikke"))
    UserFactory(username="rikke-lokal")
    taken = gettext(IDENTITY_TAKEN) % {"username": "rikke"}
    with pytest.raises(CommandError, match=re.escape(taken)):
        call_command("link_oidc_identity", "rikke-lokal", issuer=ISSUER, subject="a1b2")
    with pytest.raises(
        CommandError, match=re.escape(gettext(ALREADY_LINKED) % {"username": "rikke"})
    ):
        call_command("link_oidc_identity", "rikke", issuer=ISSUER, subject="new")
    with pytest.raises(CommandError, match="No user"):
        call_command("link_oidc_identity", "nobody", issuer=ISSUER, subject="b")
    assert OidcIdentity.objects.count() == 1


@pytest.mark.urls(__name__)
def test_a_refused_login_shows_why_on_the_login_page(client, monkeypatch):
    UserFactory(username="rikke")
    payload = token()
    monkeypatch.setattr(
        RoleMappingOIDCBackend, "get_token", lambda self, p: {"id_token": "i", "access_token": "a"}
    )
    monkeypatch.setattr(RoleMappingOIDCBackend, "verify_token", lambda self, t, **kw: payload)
    monkeypatch.setattr(
        OIDCAuthenticationBackend, "get_userinfo", lambda self, a, i, p: userinfo(payload)
    )
    session = client.session
    session["oidc_states"] = {"s": {"nonce": "n", "code_verifier": None, "added_on": time.time()}}
    session.save()
    response = client.get("/oidc/callback/?code=c&state=s", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/"
    assert gettext(NOT_LINKED) % {"username": "rikke"} in response.content.decode()
    assert not get_user(client).is_authenticated


def test_the_admin_shows_the_link_and_offers_no_way_to_change_it(administrator_client):
    user = UserFactory(username="rikke")
    call_command("link_oidc_identity", "rikke", issuer=ISSUER, subject="a1b2")
    response = administrator_client.get(f"/admin/accounts/user/{user.pk}/change/")
    page = response.content.decode()
    assert response.status_code == 200 and ISSUER in page and "a1b2" in page
    assert 'name="oidc_identity-0-subject"' not in page
    response = administrator_client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {"oidc_identity-TOTAL_FORMS": "1", "oidc_identity-0-subject": "evil"},
    )
    assert OidcIdentity.objects.get(user=user).subject == "a1b2"
