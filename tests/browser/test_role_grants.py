"""A second advisor approves the advisor role that an administrator asked for, by keyboard."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from borgerraadgiver.privacy.role_grants import advisor_role_request
from tests.browser.conftest import AxeAudit, at, follow
from tests.factories import AdministratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_advisor_approves_a_request_for_the_advisor_role_with_the_keyboard(
    advisor_page: Page, live_server
):
    page, audit = advisor_page, AxeAudit()
    colleague = UserFactory(username="ny-kollega", first_name="Nina", last_name="Nybegynder")
    other = UserFactory(username="anden", first_name="Ole", last_name="Olsen")
    asked_by = AdministratorFactory(first_name="Anne", last_name="Admin")
    for user in (colleague, other):
        advisor_role_request(user=user, requested_by=asked_by, now=timezone.now())

    page.goto(f"{live_server.url}/")
    notice = page.get_by_role("status").filter(has_text="anmodninger om borgerrådgiverrollen")
    expect(notice).to_contain_text("2 anmodninger")
    audit.check(page, "front-page-role-requests")
    follow(notice.get_by_role("link", name="Se anmodningerne om roller"))
    expect(page).to_have_url(at("/roles/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmodninger om roller")
    expect(page.locator("table.role-grant-table")).to_contain_text("Anne Admin")
    audit.check(page, "role-requests")

    approve = page.get_by_role("button", name="Godkend: gør Nina Nybegynder til borgerrådgiver")
    approve.focus()
    follow(approve, "Enter")
    expect(page.locator(".alert-success, .alert")).to_contain_text(
        "Nina Nybegynder er nu borgerrådgiver"
    )
    rows = page.locator("table.role-grant-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Ole Olsen")
    audit.check(page, "role-requests-after-approval")
    colleague.refresh_from_db()
    assert colleague.is_advisor

    follow(page.get_by_role("button", name="Afvis: gør ikke Ole Olsen til borgerrådgiver"))
    expect(page.get_by_text("Ingen anmodning afventer godkendelse.")).to_be_visible()
    other.refresh_from_db()
    assert not other.is_advisor
    audit.assert_clean()
