"""The second step of login: a TOTP code from an authenticator app."""

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.permissions import IDP_MFA_SESSION_KEY
from tests.factories import PASSWORD, AdministratorFactory, AdvisorFactory, UserFactory
from tests.login import code_now, totp_device_for, verified_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

LOGIN = reverse("accounts:login")
VERIFY = reverse("accounts:otp_verify")
ENROL = reverse("accounts:two_factor_enrol")
LIST = reverse("advisor:inquiry_list")


def password_login(client: Client, user, next_url: str = "") -> str:
    """Logs in with the password; returns where the login page sends the user."""
    response = client.post(
        LOGIN + (f"?next={next_url}" if next_url else ""),
        {"username": user.username, "password": PASSWORD, "next": next_url},
        follow=True,
    )
    return response.redirect_chain[-1][0]


def test_an_advisor_with_an_app_is_asked_for_the_code_and_then_reaches_the_page(client, advisor):
    device = totp_device_for(advisor)
    assert password_login(client, advisor, LIST) == f"{VERIFY}?next=%2Finquiries%2F"
    response = client.post(VERIFY, {"token": code_now(device), "next": LIST})
    assert response["Location"] == LIST
    assert client.get(LIST).status_code == 200


def test_the_session_gets_a_new_key_after_the_code_and_the_old_key_opens_nothing(
    client, advisor, settings
):
    device = totp_device_for(advisor)
    password_login(client, advisor, LIST)
    key_before_code = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post(VERIFY, {"token": code_now(device), "next": LIST})

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != key_before_code
    assert client.get(LIST).status_code == 200
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key_before_code
    assert stale.get(LIST).status_code == 302


def test_a_wrong_code_is_refused_with_a_message_next_to_the_field(client, advisor):
    device = totp_device_for(advisor)
    password_login(client, advisor)
    wrong = str((int(code_now(device)) + 1) % 1_000_000).zfill(6)
    response = client.post(VERIFY, {"token": wrong})
    assert response.status_code == 200
    assert 'id="id_token-error"' in response.content.decode()
    assert client.get(LIST)["Location"].startswith(VERIFY)


def test_the_code_may_be_typed_with_a_space_as_the_app_shows_it(client, advisor):
    device = totp_device_for(advisor)
    password_login(client, advisor)
    code = code_now(device)
    response = client.post(VERIFY, {"token": f"{code[:3]} {code[3:]}"})
    assert response.status_code == 302


def test_repeated_wrong_codes_slow_the_next_tries_down(client, advisor):
    device = totp_device_for(advisor)
    password_login(client, advisor)
    for _ in range(3):
        client.post(VERIFY, {"token": "000000" if code_now(device) != "000000" else "111111"})
    # Even the right code is refused for a while after three wrong ones.
    response = client.post(VERIFY, {"token": code_now(device)})
    assert response.status_code == 200
    assert 'id="id_token-error"' in response.content.decode()
    assert client.get(LIST)["Location"].startswith(VERIFY)


def test_an_advisor_without_an_app_is_taken_to_set_one_up(client):
    advisor = AdvisorFactory()
    assert password_login(client, advisor, LIST) == f"{ENROL}?next=%2Finquiries%2F"
    response = client.get(f"{ENROL}?next={LIST}")
    content = response.content.decode()
    assert 'src="data:image/svg+xml;base64,' in content
    device = TOTPDevice.objects.get(user=advisor, confirmed=False)
    secret = response.context["secret"]
    assert secret.replace(" ", "") in content.replace(" ", "")
    response = client.post(ENROL, {"token": code_now(device), "next": LIST})
    assert response["Location"] == LIST
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(LIST).status_code == 200


def test_enrolment_shows_the_same_secret_until_it_is_confirmed(client):
    advisor = AdvisorFactory()
    password_login(client, advisor)
    first = client.get(ENROL).context["secret"]
    assert client.get(ENROL).context["secret"] == first
    assert TOTPDevice.objects.filter(user=advisor).count() == 1


def test_someone_with_only_the_password_cannot_set_up_a_new_app_over_the_existing_one(client):
    advisor = AdvisorFactory()
    totp_device_for(advisor)
    password_login(client, advisor)
    response = client.get(ENROL)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=advisor).count() == 1


def test_an_administrator_needs_the_code_for_the_admin_too(client):
    administrator = AdministratorFactory()
    totp_device_for(administrator)
    password_login(client, administrator)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response["Location"].startswith(VERIFY)


def test_a_department_manager_logs_in_with_the_password_alone(client, make_sent):
    import datetime

    manager = make_sent(datetime.date(2024, 3, 6)).department.managers.get()
    manager.set_password(PASSWORD)
    manager.save()
    assert password_login(client, manager) == reverse("portal:forwarding_list")


def test_a_report_reader_may_set_up_an_app_and_is_then_asked_for_the_code(client):
    reader = UserFactory(is_report_reader=True)
    reader_client = verified_client(reader)
    page = reader_client.get(reverse("accounts:two_factor"))
    assert page.context["enrolled"] is False
    assert page.context["required"] is False
    reader_client.get(ENROL)
    device = TOTPDevice.objects.get(user=reader)
    assert reader_client.post(ENROL, {"token": code_now(device)}).status_code == 302
    assert reader_client.get(reverse("accounts:two_factor")).context["enrolled"] is True
    # At the next login the code is asked for.
    assert password_login(client, reader).startswith(VERIFY)


def test_with_two_factor_turned_off_an_advisor_logs_in_with_the_password(client, settings):
    settings.TWO_FACTOR_REQUIRED = False
    advisor = AdvisorFactory()
    assert password_login(client, advisor, LIST) == LIST


def test_the_code_step_never_sends_the_user_off_site(client, advisor):
    device = totp_device_for(advisor)
    password_login(client, advisor)
    response = client.post(VERIFY, {"token": code_now(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_logging_out_is_possible_before_the_code(client, advisor):
    totp_device_for(advisor)
    password_login(client, advisor)
    assert client.post(reverse("accounts:logout"))["Location"] == LOGIN
    assert client.get(VERIFY)["Location"].startswith(LOGIN)


def test_an_administrator_resets_a_lost_app_and_the_reset_is_logged(db):
    # An advisor's app: reset by an administrator who is an advisor too (tests/privacy/
    # test_role_grants.py: one who is not may not take over an advisor's login).
    administrator_client = verified_client(AdministratorFactory(username="begge", is_advisor=True))
    advisor = AdvisorFactory()
    totp_device_for(advisor)
    response = administrator_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [advisor.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=advisor).exists()
    entry = LogEntry.objects.get(object_id=str(advisor.pk))
    assert "two-factor" in entry.change_message
    # The advisor sets up an app again at the next login.
    assert password_login(Client(), advisor).startswith(ENROL)


def test_an_administrator_cannot_reset_their_own_app(administrator_client, administrator):
    administrator_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [administrator.pk]},
    )
    assert TOTPDevice.objects.filter(user=administrator).exists()


def test_the_authenticator_apps_secrets_are_not_in_the_admin(administrator_client):
    assert administrator_client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_no_code_is_asked_when_the_identity_provider_checked_a_second_factor(client):
    advisor = AdvisorFactory()
    client.force_login(advisor)
    session = client.session
    session[IDP_MFA_SESSION_KEY] = True
    session.save()
    assert client.get(LIST).status_code == 200


def test_a_managers_pages_do_not_ask_the_database_about_an_authenticator_app(
    make_sent, django_assert_num_queries
):
    import datetime

    manager = make_sent(datetime.date(2024, 3, 6)).department.managers.get()
    client = verified_client(manager)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("portal:forwarding_list"))
    assert not [q for q in queries.captured_queries if "otp_totp" in q["sql"]]


def test_an_app_set_up_in_another_session_is_asked_for_at_the_next_login(client):
    reader = UserFactory(is_report_reader=True)
    other = verified_client(reader)
    other.get(ENROL)
    other.post(ENROL, {"token": code_now(TOTPDevice.objects.get(user=reader))})
    assert password_login(client, reader).startswith(VERIFY)


BACKUP = reverse("accounts:backup_codes_create")


def test_backup_codes_are_shown_once_and_each_logs_in_once(advisor_client, advisor):
    response = advisor_client.post(BACKUP)
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in response.content.decode() for code in codes)
    assert response["Cache-Control"].startswith("max-age=0")
    client = Client()
    password_login(client, advisor)
    assert client.post(VERIFY, {"token": codes[0].upper()})["Location"] == "/"
    again = Client()
    password_login(again, advisor)
    response = again.post(VERIFY, {"token": codes[0]})
    assert response.status_code == 200
    assert 'id="id_token-error"' in response.content.decode()
    page = advisor_client.get(reverse("accounts:two_factor"))
    assert page.context["backup_codes_left"] == 9


def test_new_backup_codes_replace_the_old_ones(advisor_client, advisor):
    old = advisor_client.post(BACKUP).context["codes"]
    advisor_client.post(BACKUP)
    client = Client()
    password_login(client, advisor)
    assert client.post(VERIFY, {"token": old[1]}).status_code == 200


def test_only_someone_with_an_authenticator_app_makes_backup_codes(plain_client):
    assert plain_client.post(BACKUP).status_code == 403


def test_resetting_the_second_factor_also_removes_the_backup_codes(advisor_client, advisor):
    administrator_client = verified_client(AdministratorFactory(username="begge", is_advisor=True))
    codes = advisor_client.post(BACKUP).context["codes"]
    administrator_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [advisor.pk]},
    )
    client = Client()
    assert password_login(client, advisor).startswith(ENROL)
    assert client.post(VERIFY, {"token": codes[0]})["Location"].startswith(ENROL)


def test_the_server_operator_resets_the_last_administrators_app(administrator):
    from io import StringIO

    from django.core.management import call_command

    totp_device_for(administrator)
    out = StringIO()
    call_command("reset_second_factor", administrator.username, stdout=out)
    assert not TOTPDevice.objects.filter(user=administrator).exists()
    assert "1 authenticator app" in out.getvalue()
