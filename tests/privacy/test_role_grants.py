"""The advisor role opens personal data: an administrator asks for it, another advisor approves.

Issue 15, finding 2: an administrator ticking "advisor" gave themselves or anyone full access.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.privacy.role_grants import (
    ADVISOR_EXISTS,
    ALREADY_DECIDED,
    advisor_role_decide,
    advisor_role_grant_by_operator,
    advisor_role_request,
)
from tests.factories import (
    PASSWORD,
    AdministratorFactory,
    AdvisorFactory,
    DepartmentFactory,
    UserFactory,
)
from tests.login import totp_device_for, verified_client

pytestmark = pytest.mark.django_db

# The role requests page: session, the lists' token (the office, who manages a department, the
# user and its second factor and the menu's count of web-form submissions waiting are kept:
# organisation.kept), and the requests with their users (one query).
QUERIES = 3


def _user_form(client: Client, user: User, **changes: object) -> dict[str, object]:
    """The admin's change form for `user` as shown, with `changes` made (a ticked box: True)."""
    page = client.get(reverse("admin:accounts_user_change", args=[user.pk]))
    form = page.context["adminform"].form
    data: dict[str, object] = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form.initial.get(name, field.initial)
        if name in ("date_joined", "last_login"):
            if value:
                data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
            continue
        if name in ("managed_departments", "managed_areas"):
            data[name] = [item.pk for item in value or []]
            continue
        data[name] = value
    data.update(changes)
    posted = {name: value for name, value in data.items() if value not in (None, False)}
    # The inlines' management forms (the single sign-on link), as the page sends them.
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            posted[f"{management.prefix}-{name}"] = management[name].value()
    return posted


def _tick_advisor(client: Client, user: User):
    return client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        _user_form(client, user, is_advisor=True),
        follow=True,
    )


def _events() -> list[tuple[str, str, str]]:
    return [
        (row.event, row.username, row.detail)
        for row in AccessLogEntry.objects.filter(event__startswith="advisor_role").order_by("id")
    ]


def test_ticking_advisor_in_the_admin_gives_no_access_until_another_advisor_approves(
    administrator, administrator_client
):
    colleague = UserFactory(username="ny-kollega")
    page = _tick_advisor(administrator_client, colleague)
    assert "når en anden borgerrådgiver godkender" in page.content.decode()
    colleague.refresh_from_db()
    assert not colleague.is_advisor
    assert verified_client(colleague).get(reverse("advisor:inquiry_list")).status_code in (403, 404)
    form_again = administrator_client.get(
        reverse("admin:accounts_user_change", args=[colleague.pk])
    ).content.decode()
    assert "Ja: bedt om af" in form_again

    approver = AdvisorFactory(username="godkender")
    approver_client = verified_client(approver)
    front = approver_client.get(reverse("advisor:home")).content.decode()
    assert "1 anmodning om borgerrådgiverrollen venter på din godkendelse" in front
    grant = RoleGrant.objects.get(user=colleague)
    response = approver_client.post(
        reverse("advisor:role_grant_decide", args=[grant.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_advisor
    assert verified_client(colleague).get(reverse("advisor:inquiry_list")).status_code == 200
    grant.refresh_from_db()
    assert (grant.requested_by, grant.decided_by, grant.decision) == (
        administrator,
        approver,
        RoleGrant.Decision.APPROVED,
    )
    assert _events() == [
        (AccessEvent.ADVISOR_ROLE_REQUESTED, "administrator", "ny-kollega"),
        (AccessEvent.ADVISOR_ROLE_APPROVED, "godkender", "ny-kollega"),
    ]


def test_ticking_advisor_again_while_it_awaits_approval_asks_only_once(administrator_client):
    colleague = UserFactory(username="ny-kollega")
    _tick_advisor(administrator_client, colleague)
    _tick_advisor(administrator_client, colleague)
    assert RoleGrant.objects.filter(user=colleague).count() == 1
    assert len(_events()) == 1


def test_an_administrator_who_is_also_an_advisor_cannot_approve_the_grant_they_asked_for(now):
    requester = AdministratorFactory(is_advisor=True)
    grant = advisor_role_request(user=UserFactory(), requested_by=requester, now=now)
    assert grant is not None
    with pytest.raises(PermissionDenied):
        advisor_role_decide(grant=grant, decided_by=requester, approve=True, now=now)
    response = verified_client(requester).post(
        reverse("advisor:role_grant_decide", args=[grant.pk]), {"decision": "approve"}
    )
    assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.decision == RoleGrant.Decision.PENDING
    assert not grant.user.is_advisor


def test_the_user_cannot_approve_their_own_grant(now):
    # An advisor (made by the demo, say) for whom a request is still open.
    grantee = AdvisorFactory()
    grant = RoleGrant.objects.create(
        user=grantee, role=RoleGrant.Role.ADVISOR, requested_by=AdministratorFactory(),
        requested_at=now,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        advisor_role_decide(grant=grant, decided_by=grantee, approve=True, now=now)
    page = verified_client(grantee).get(reverse("advisor:role_grant_list")).content.decode()
    assert "En anden borgerrådgiver afgør din egen anmodning" in page
    assert 'value="approve"' not in page


@pytest.mark.parametrize("role", ["manager", "administrator", "report reader", "inactive advisor"])
def test_only_an_active_advisor_approves(role, now):
    approver = {
        "manager": UserFactory,
        "administrator": AdministratorFactory,
        "report reader": lambda: UserFactory(is_report_reader=True),
        "inactive advisor": lambda: AdvisorFactory(is_active=False),
    }[role]()
    if role == "manager":
        approver.managed_departments.add(DepartmentFactory())
    grant = advisor_role_request(user=UserFactory(), requested_by=AdministratorFactory(), now=now)
    assert grant is not None
    with pytest.raises(PermissionDenied):
        advisor_role_decide(grant=grant, decided_by=approver, approve=True, now=now)
    if role != "inactive advisor":
        client = verified_client(approver)
        assert client.get(reverse("advisor:role_grant_list")).status_code == 403
        response = client.post(
            reverse("advisor:role_grant_decide", args=[grant.pk]), {"decision": "approve"}
        )
        assert response.status_code == 403
    grant.refresh_from_db()
    assert grant.decision == RoleGrant.Decision.PENDING
    assert not grant.user.is_advisor


def test_refusing_leaves_the_user_without_the_role(advisor, advisor_client, now):
    colleague = UserFactory(username="ny-kollega")
    grant = advisor_role_request(user=colleague, requested_by=AdministratorFactory(), now=now)
    assert grant is not None
    advisor_client.post(
        reverse("advisor:role_grant_decide", args=[grant.pk]), {"decision": "refuse"}
    )
    colleague.refresh_from_db()
    grant.refresh_from_db()
    assert not colleague.is_advisor
    assert (grant.decision, grant.decided_by) == (RoleGrant.Decision.REFUSED, advisor)
    assert _events()[-1] == (AccessEvent.ADVISOR_ROLE_REFUSED, "advisor", "ny-kollega")
    # Decided once: a colleague's second click is told so and changes nothing.
    page = verified_client(AdvisorFactory()).post(
        reverse("advisor:role_grant_decide", args=[grant.pk]),
        {"decision": "approve"},
        follow=True,
    )
    assert "En anden borgerrådgiver har allerede afgjort" in page.content.decode()
    colleague.refresh_from_db()
    assert not colleague.is_advisor
    with pytest.raises(ValidationError) as refused:
        advisor_role_decide(grant=grant, decided_by=AdvisorFactory(), approve=True, now=now)
    assert refused.value.code == ALREADY_DECIDED


def test_removing_the_advisor_role_takes_effect_at_once_and_is_logged(administrator_client):
    leaving = AdvisorFactory(username="fratraadt")
    administrator_client.post(
        reverse("admin:accounts_user_change", args=[leaving.pk]),
        _user_form(administrator_client, leaving, is_advisor=False),
    )
    leaving.refresh_from_db()
    assert not leaving.is_advisor
    assert verified_client(leaving).get(reverse("advisor:inquiry_list")).status_code in (403, 404)
    assert _events() == [(AccessEvent.ADVISOR_ROLE_REMOVED, "administrator", "fratraadt")]


def test_the_operator_makes_the_first_advisor_and_only_the_first():
    first = UserFactory(username="foerste")
    call_command("grant_role", "foerste", "advisor")
    first.refresh_from_db()
    assert first.is_advisor
    row = AccessLogEntry.objects.get(event=AccessEvent.ADVISOR_ROLE_GRANTED_BY_OPERATOR)
    assert (row.user, row.username, row.detail) == (None, "", "foerste")
    UserFactory(username="anden")
    with pytest.raises(CommandError, match="aktiv borgerrådgiver"):
        call_command("grant_role", "anden", "advisor")
    assert not User.objects.get(username="anden").is_advisor


def test_the_operator_command_is_refused_while_an_active_advisor_exists(advisor, now):
    with pytest.raises(ValidationError) as refused:
        advisor_role_grant_by_operator(user=UserFactory(), now=now)
    assert refused.value.code == ADVISOR_EXISTS


def test_the_role_requests_page_lists_the_open_requests(advisor_client, now):
    advisor_role_request(
        user=UserFactory(username="ny-kollega", first_name="Ny", last_name="Kollega"),
        requested_by=AdministratorFactory(first_name="Anne", last_name="Admin"),
        now=now,
    )
    page = advisor_client.get(reverse("advisor:role_grant_list")).content.decode()
    assert "Ny Kollega" in page
    assert "Anne Admin" in page
    assert 'value="approve"' in page


@pytest.mark.parametrize("open_requests", [1, 4])
def test_the_role_requests_page_runs_the_same_queries_however_many_requests(
    advisor_client, now, open_requests, django_assert_num_queries
):
    for _ in range(open_requests):
        advisor_role_request(user=UserFactory(), requested_by=AdministratorFactory(), now=now)
    advisor_client.get(reverse("advisor:role_grant_list"))  # the office kept
    with django_assert_num_queries(QUERIES):
        assert advisor_client.get(reverse("advisor:role_grant_list")).status_code == 200


# An administrator who is not an advisor must not reach an advisor's account another way.


def test_an_administrator_cannot_set_an_advisors_password(administrator_client):
    advisor = AdvisorFactory(username="raadgiver-pw")
    url = reverse("admin:auth_user_password_change", args=[advisor.pk])
    response = administrator_client.post(
        url, {"password1": "Et-nyt-kodeord-2026!", "password2": "Et-nyt-kodeord-2026!"}
    )
    assert response.status_code == 403
    advisor.refresh_from_db()
    assert advisor.check_password(PASSWORD)
    # A department manager's password is the administrator's to set.
    manager = UserFactory(username="leder-pw")
    assert (
        administrator_client.get(
            reverse("admin:auth_user_password_change", args=[manager.pk])
        ).status_code
        == 200
    )


def test_an_administrator_cannot_reset_an_advisors_authenticator_app(administrator_client):
    advisor = AdvisorFactory(username="raadgiver-2fa")
    totp_device_for(advisor)
    response = administrator_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [advisor.pk]},
        follow=True,
    )
    assert "raadgiver-2fa" in response.content.decode()
    assert TOTPDevice.objects.filter(user=advisor).exists()


def test_an_administrator_who_is_an_advisor_may_do_both(client_for):
    both = client_for(AdministratorFactory(username="begge", is_advisor=True))
    advisor = AdvisorFactory(username="raadgiver-3")
    totp_device_for(advisor)
    assert (
        both.get(reverse("admin:auth_user_password_change", args=[advisor.pk])).status_code == 200
    )
    both.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [advisor.pk]},
    )
    assert not TOTPDevice.objects.filter(user=advisor).exists()


def test_deactivating_an_advisor_ends_the_role_and_reactivating_does_not_give_it_back(
    administrator_client,
):
    advisor = AdvisorFactory(username="raadgiver-ud")
    url = reverse("admin:accounts_user_change", args=[advisor.pk])
    administrator_client.post(url, _user_form(administrator_client, advisor, is_active=False))
    advisor.refresh_from_db()
    assert (advisor.is_active, advisor.is_advisor) == (False, False)
    administrator_client.post(url, _user_form(administrator_client, advisor, is_active=True))
    advisor.refresh_from_db()
    assert (advisor.is_active, advisor.is_advisor) == (True, False)
    assert [event for event, _user, detail in _events() if detail == "raadgiver-ud"] == [
        AccessEvent.ADVISOR_ROLE_REMOVED
    ]
