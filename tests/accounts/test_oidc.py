"""Single sign-on: the identity provider's groups become the office's roles (no network)."""

from types import SimpleNamespace

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.oidc import (
    RoleMappingOIDCBackend,
    mfa_asserted,
    roles_from_claims,
    user_apply_claims,
)
from borgerraadgiver.accounts.permissions import IDP_MFA_SESSION_KEY
from tests.factories import AreaFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


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
    settings.OIDC_REPORT_READER_GROUPS = ["BR-Ledelse", "Direktion"]
    settings.OIDC_SUPERUSER_GROUPS = ["BR-Drift"]
    settings.OIDC_DEPARTMENT_GROUPS = {"Leder-Jobcenter": "Jobcenter", "Leder-Skole": "Skole"}
    settings.OIDC_AREA_GROUPS = {"Direktion": "Direktionen"}
    settings.OIDC_MFA_AMR_VALUES = ["mfa", "otp"]


def claims(*groups: str, **extra) -> dict:
    return {
        "iss": "https://idp.example",
        "sub": "a1b2",
        "preferred_username": "rikke@hedensted.dk",
        "given_name": "Rikke",
        "family_name": "Rådgiver",
        "email": "rikke@hedensted.dk",
        "groups": list(groups),
        **extra,
    }


@pytest.mark.parametrize(
    ("groups", "advisor", "administrator", "reader", "superuser", "departments"),
    [
        ((), False, False, False, False, set()),
        (("BR-Raadgivere",), True, False, False, False, set()),
        (("BR-Admin",), False, True, False, False, set()),
        (("Direktion",), False, False, True, False, set()),
        (("BR-Drift",), False, False, False, True, set()),
        (("BR-Raadgivere", "BR-Admin"), True, True, False, False, set()),
        (("Leder-Jobcenter", "Leder-Skole", "Alle"), False, False, False, False,
         {"Jobcenter", "Skole"}),
    ],
)  # fmt: skip
def test_groups_become_roles(groups, advisor, administrator, reader, superuser, departments):
    roles = roles_from_claims(claims(*groups))
    assert (
        roles.is_advisor,
        roles.is_administrator,
        roles.is_report_reader,
        roles.is_superuser,
    ) == (advisor, administrator, reader, superuser)
    assert roles.department_names == departments


def test_a_single_group_given_as_a_string_counts():
    assert roles_from_claims({"groups": "BR-Raadgivere"}).is_advisor


def test_a_new_user_is_created_with_the_roles_and_no_password():
    DepartmentFactory(name="Jobcenter")
    backend = RoleMappingOIDCBackend()
    user = backend.create_user(claims("BR-Admin", "Leder-Jobcenter"))
    assert user.username == "rikke@hedensted.dk"
    assert (user.first_name, user.last_name) == ("Rikke", "Rådgiver")
    assert user.is_administrator and user.is_staff and not user.is_advisor
    assert [d.name for d in user.managed_departments.all()] == ["Jobcenter"]
    assert not user.has_usable_password()


def test_a_role_the_identity_provider_no_longer_gives_is_removed_at_the_next_login():
    DepartmentFactory(name="Skole")
    user = User.objects.create(username="rikke@hedensted.dk", is_advisor=True, is_staff=True)
    user_apply_claims(user=user, claims=claims("Leder-Skole"))
    user.refresh_from_db()
    assert not user.is_advisor and not user.is_staff
    assert [d.name for d in user.managed_departments.all()] == ["Skole"]


def test_a_superuser_not_in_the_superuser_group_loses_the_flag_at_the_next_login():
    user = User.objects.create(username="rikke@hedensted.dk", is_superuser=True, is_staff=True)
    user_apply_claims(user=user, claims=claims("BR-Raadgivere"))
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff and user.is_advisor


def test_the_superuser_group_makes_a_superuser_who_may_use_the_admin():
    user = User.objects.create(username="rikke@hedensted.dk")
    user_apply_claims(user=user, claims=claims("BR-Drift"))
    user.refresh_from_db()
    assert user.is_superuser and user.is_staff and not user.is_administrator


def test_without_a_superuser_group_nobody_is_superuser_through_single_sign_on(settings):
    settings.OIDC_SUPERUSER_GROUPS = []
    user = User.objects.create(username="rikke@hedensted.dk", is_superuser=True)
    user_apply_claims(user=user, claims=claims("BR-Drift", "BR-Admin"))
    user.refresh_from_db()
    assert not user.is_superuser and user.is_administrator and user.is_staff


def test_the_area_groups_make_the_management_of_an_area():
    area = AreaFactory(name="Direktionen")
    user = User.objects.create(username="rikke@hedensted.dk")
    user_apply_claims(user=user, claims=claims("Direktion"))
    assert list(user.managed_areas.all()) == [area]


def test_every_role_goes_when_the_groups_go():
    DepartmentFactory(name="Skole")
    AreaFactory(name="Direktionen")
    user = User.objects.create(username="rikke@hedensted.dk")
    user_apply_claims(
        user=user,
        claims=claims("BR-Raadgivere", "BR-Admin", "Direktion", "BR-Drift", "Leder-Skole"),
    )
    assert user.is_superuser and user.managed_areas.exists()
    user.managed_areas.add(AreaFactory(name="Given in the admin"))
    user_apply_claims(user=user, claims=claims())
    user.refresh_from_db()
    roles = (user.is_advisor, user.is_administrator, user.is_report_reader, user.is_superuser)
    assert roles == (False, False, False, False) and not user.is_staff
    assert not user.managed_departments.exists() and not user.managed_areas.exists()


@pytest.mark.parametrize(
    ("amr", "asserted"),
    [(None, False), (["pwd"], False), (["pwd", "mfa"], True), ("otp", True)],
)
def test_the_identity_providers_second_factor_is_read_from_amr(amr, asserted):
    assert mfa_asserted({"amr": amr} if amr is not None else {}) is asserted


@pytest.mark.parametrize(("amr", "skips_totp"), [(["pwd", "mfa"], True), (["pwd"], False)])
def test_login_through_the_identity_provider_marks_the_session(monkeypatch, amr, skips_totp):
    backend = RoleMappingOIDCBackend()
    backend.request = SimpleNamespace(session=SessionStore())
    monkeypatch.setattr(
        OIDCAuthenticationBackend,
        "get_userinfo",
        lambda self, access, id_token, payload: claims("BR-Raadgivere"),
    )
    user = backend.get_or_create_user("access", "id", {"amr": amr, "sub": "a1b2"})
    assert user.is_advisor
    assert backend.request.session[IDP_MFA_SESSION_KEY] is skips_totp


def test_a_single_sign_on_session_ends_at_the_next_request_once_the_account_is_inactive(
    settings, client
):
    """mozilla-django-oidc's backend gives the session's user whether active or not; ours, as
    Django's own backend, logs an inactive account out (the user comes from accounts.kept)."""
    backend = "borgerraadgiver.accounts.oidc.RoleMappingOIDCBackend"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
    user = User.objects.create_user(username="sso-bruger")
    client.force_login(user, backend=backend)
    home = reverse("advisor:home")
    assert client.get(home).status_code == 403  # logged in, with no role yet
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert RoleMappingOIDCBackend().get_user(user.pk) is None
    assert RoleMappingOIDCBackend().get_user(999_999) is None
