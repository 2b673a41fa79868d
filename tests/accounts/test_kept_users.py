"""A request's user and second-factor device come from what the process keeps (accounts.kept):
no query for them on each request, and every change counts from the next request, however it
was written (issue 18)."""

import re

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from borgerraadgiver.accounts.kept import device_kept, user_kept
from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.accounts.services import totp_enrolment_confirm, totp_enrolment_start
from borgerraadgiver.organisation import kept
from borgerraadgiver.privacy.role_grants import advisor_role_decide, advisor_role_request
from tests.factories import AdministratorFactory, AdvisorFactory, UserFactory
from tests.login import code_now, totp_device_for, verified_client

pytestmark = pytest.mark.django_db

LIST = reverse("advisor:inquiry_list")
# A query of the users' or the devices' own table (not a join to a user's name).
READS_USER_OR_DEVICE = re.compile(
    r'FROM "(accounts_user|otp_totp_totpdevice|otp_static_\w+)"(\s|$)'
)


def _behind_the_apps_back(sql: str, params: list) -> None:
    """As another process or a database administrator would: no signal, no model."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _redirect_path(response) -> str:
    assert response.status_code == 302
    return response.url.split("?")[0]


def test_a_page_asks_for_neither_the_user_nor_the_device_once_they_are_kept(advisor_client):
    assert advisor_client.get(LIST).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert advisor_client.get(LIST).status_code == 200
    read = [query["sql"] for query in queries if READS_USER_OR_DEVICE.search(query["sql"])]
    assert read == []


@pytest.mark.parametrize(
    ("sql", "value", "sent_to"),
    [
        ("UPDATE accounts_user SET is_active = %s WHERE id = %s", False, "accounts:login"),
        (
            "UPDATE accounts_user SET password = %s WHERE id = %s",
            make_password("et-helt-nyt-kodeord-2026"),
            "accounts:login",
        ),
        (
            "DELETE FROM otp_totp_totpdevice WHERE confirmed = %s AND user_id = %s",
            True,
            "accounts:two_factor_enrol",
        ),
        (
            "UPDATE otp_totp_totpdevice SET confirmed = %s WHERE user_id = %s",
            False,
            "accounts:two_factor_enrol",
        ),
    ],
    ids=["made inactive", "password changed", "app removed", "app unconfirmed"],
)
def test_a_change_written_by_another_process_counts_at_the_next_request(
    advisor, advisor_client, sql, value, sent_to
):
    assert advisor_client.get(LIST).status_code == 200
    _behind_the_apps_back(sql, [value, advisor.pk])
    assert _redirect_path(advisor_client.get(LIST)) == reverse(sent_to)


def test_a_role_taken_by_another_process_counts_at_the_next_request(advisor, advisor_client):
    assert advisor_client.get(LIST).status_code == 200
    _behind_the_apps_back(
        "UPDATE accounts_user SET is_advisor = %s WHERE id = %s", [False, advisor.pk]
    )
    assert advisor_client.get(LIST).status_code == 403


def test_backup_codes_removed_end_a_session_verified_with_one(advisor):
    totp_device_for(advisor)
    backup = StaticDevice.objects.create(user=advisor, name="backup codes", confirmed=True)
    client = verified_client(advisor)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = backup.persistent_id
    session.save()
    assert client.get(LIST).status_code == 200
    _behind_the_apps_back("DELETE FROM otp_static_staticdevice WHERE id = %s", [backup.pk])
    assert _redirect_path(client.get(LIST)) == reverse("accounts:otp_verify")


def test_each_request_gets_its_own_instance(advisor):
    first = user_kept(advisor.pk)
    assert first is not None
    first.first_name = "Ændret i én forespørgsel"
    first._perm_cache = {"x.y"}  # what a permission check leaves on the instance
    second = user_kept(advisor.pk)
    assert second is not first
    assert second.first_name == advisor.first_name
    assert not hasattr(second, "_perm_cache")
    assert second._state.adding is False and second._state.db == "default"


def test_a_page_s_user_is_the_user_itself_verified_with_the_device(advisor, advisor_client):
    """Loaded in the middleware, not behind two lazy objects read hundreds of times a page."""
    response = advisor_client.get(reverse("advisor:inquiry_list"))
    user = response.wsgi_request.user
    assert type(user) is User
    assert user.pk == advisor.pk
    assert user.is_verified()
    assert user.otp_device == totp_device_for(advisor)


def test_a_user_past_the_password_only_is_not_verified(advisor):
    client = Client()
    client.force_login(advisor)
    response = client.get(reverse("advisor:inquiry_list"))
    assert response.status_code == 302  # to the code step
    user = response.wsgi_request.user
    assert type(user) is User
    assert not user.is_verified()


def test_a_citizen_s_page_has_the_anonymous_user():
    response = Client().get(reverse("intake:contact"))
    assert response.status_code == 200
    assert type(response.wsgi_request.user) is AnonymousUser


def test_what_is_kept_is_what_the_database_has(advisor):
    device = totp_device_for(advisor)
    assert user_kept(advisor.pk).password == advisor.password  # type: ignore[union-attr]
    assert device_kept(device.persistent_id).key == device.key  # type: ignore[union-attr]
    advisor.set_password("et-andet-kodeord-2026")
    advisor.save()
    assert user_kept(advisor.pk).check_password("et-andet-kodeord-2026")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "persistent_id",
    ["otp_totp.totpdevice/999999", "otp_totp.totpdevice/x", "nonsense", "auth.group/1", ""],
)
def test_an_id_of_no_device_finds_none(persistent_id):
    assert device_kept(persistent_id) is None


def test_a_user_who_is_not_there_is_none():
    assert user_kept(999_999) is None


def test_a_new_user_is_found_at_once():
    user_kept(1)  # the rows kept before the user exists
    assert user_kept(UserFactory().pk) is not None


@pytest.mark.parametrize("kind", ["user", "app", "backup codes"])
def test_every_insert_update_and_delete_gives_a_new_token_of_the_accounts_only(kind):
    """The users' and devices' own token changes; the organisation's lists' does not, so a
    login does not make every process read the lists again."""
    lists = kept.token()

    def accounts() -> str | None:
        return kept.token(group=kept.ACCOUNTS_TOKEN)

    tokens = [accounts()]
    if kind == "user":
        row = UserFactory()
    elif kind == "app":
        row = totp_device_for(UserFactory())
    else:
        row = StaticDevice.objects.create(user=UserFactory(), name="backup codes")
    rows = type(row).objects.filter(pk=row.pk)
    tokens.append(accounts())
    if kind == "user":
        rows.update(last_login=timezone.now())  # one statement, no signal
    else:
        rows.update(name="Ny")
    tokens.append(accounts())
    rows.delete()
    tokens.append(accounts())
    assert None not in tokens
    assert len(set(tokens)) == len(tokens)
    assert kept.token() == lists


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
def test_approving_a_role_takes_the_token_before_the_grant_and_the_user():
    """The user's change takes the token's row (a trigger before the statement); a transaction
    holding the user's row first would deadlock with a login of that user, which takes the
    token first and then waits for the user's row."""
    asker, approver = AdministratorFactory(), AdvisorFactory()
    grant = advisor_role_request(user=UserFactory(), requested_by=asker, now=timezone.now())
    assert isinstance(grant, RoleGrant)
    with CaptureQueriesContext(connection) as queries:
        advisor_role_decide(grant=grant, decided_by=approver, approve=True, now=timezone.now())
    locks = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    assert "organisation_listsversion" in locks[0]
    assert any("accounts_rolegrant" in sql for sql in locks[1:])


def _locks_in_order(run) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        run()
    return [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
def test_confirming_an_app_takes_the_token_before_the_device():
    user = AdvisorFactory()
    device = totp_enrolment_start(user=user)
    locks = _locks_in_order(
        lambda: totp_enrolment_confirm(user=user, device=device, token=code_now(device))
    )
    assert "organisation_listsversion" in locks[0]
    assert any("otp_totp_totpdevice" in sql for sql in locks[1:])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL's")
def test_deleting_a_user_takes_the_token_before_the_rows_that_point_at_them():
    """Django's delete collector sets the grants' `decided_by` to null, or deletes the grants,
    before the users' statement takes the token: the token comes first."""
    user = UserFactory()
    advisor_role_request(user=user, requested_by=AdministratorFactory(), now=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        user.delete()
    sqls = [query["sql"] for query in queries]
    token = next(i for i, sql in enumerate(sqls) if "organisation_listsversion" in sql)
    writes = ('DELETE FROM "accounts_rolegrant"', 'UPDATE "accounts_rolegrant"')
    grants = next(i for i, sql in enumerate(sqls) if sql.startswith(writes))
    assert token < grants
