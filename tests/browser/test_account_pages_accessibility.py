"""The login steps and the two-factor pages pass axe (WCAG 2.1 A/AA) and work from the keyboard."""

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.browser.conftest import AxeAudit, at
from tests.factories import PASSWORD, UserFactory
from tests.login import code_now, totp_device_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_steps_and_two_factor_pages_have_no_axe_violations(page: Page, advisor):
    audit = AxeAudit()
    device = totp_device_for(advisor)
    page.goto("/accounts/login/")
    audit.check(page, "login")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#id_token")).to_be_focused()
    audit.check(page, "login-code")
    page.keyboard.type("000000" if code_now(device) != "000000" else "111111")
    page.keyboard.press("Enter")
    expect(page.locator("#id_token-error")).to_be_visible()
    audit.check(page, "login-code-wrong")
    page.wait_for_timeout(1_100)  # a wrong code makes the next try wait a second
    page.locator("#id_token").fill(code_now(device))
    page.keyboard.press("Enter")
    expect(page).to_have_url(at("/"))
    page.goto("/accounts/two-factor/")
    audit.check(page, "two-factor-status")
    audit.assert_clean()


def test_the_set_up_page_and_the_lock_out_page_have_no_axe_violations(page: Page):
    audit = AxeAudit()
    UserFactory(username="leder", is_report_reader=True)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("leder")
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto("/accounts/two-factor/set-up/")
    expect(page.locator("#qr-code")).to_be_visible()
    audit.check(page, "two-factor-set-up")

    other = page.context.browser.new_page(base_url=page.url.split("/accounts")[0])
    with override_settings(AXES_ENABLED=True):
        for _ in range(5):
            other.goto("/accounts/login/")
            other.locator("#id_username").fill("leder")
            other.locator("#id_password").fill("wrong")
            with other.expect_navigation():
                other.keyboard.press("Enter")
    expect(other.locator("#locked-until")).to_be_visible()
    audit.check(other, "locked-out")
    audit.assert_clean()
