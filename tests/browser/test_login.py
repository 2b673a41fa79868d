"""Logging in, as the advisor does it in a browser: the password, then the TOTP code."""

import base64

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect

from tests.browser.conftest import at, screenshot
from tests.factories import PASSWORD
from tests.login import code_now, totp_device_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_opening_the_list_is_sent_to_the_login_page(page: Page):
    page.goto("/inquiries/")

    expect(page).to_have_url(at("/accounts/login/?next=/inquiries/"))
    expect(page.locator("#id_username")).to_be_visible()
    expect(page.locator("#id_password")).to_be_visible()
    expect(page.locator("table.inquiry-table")).to_have_count(0)
    expect(page.locator("html")).to_have_attribute("lang", "da")


def test_wrong_password_shows_an_error_and_keeps_the_user_name(page: Page, advisor):
    page.goto("/inquiries/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill("not-the-password")
    page.locator("#id_password").press("Enter")

    error = page.get_by_role("alert")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    expect(page.locator("#id_username")).to_have_value("advisor")
    expect(page.locator("#id_password")).to_have_value("")
    expect(page).to_have_url(at("/accounts/login/?next=/inquiries/"))
    screenshot(page, "login-wrong-password")


def test_password_and_code_land_on_the_inquiry_list(page: Page, advisor):
    device = totp_device_for(advisor)
    page.goto("/inquiries/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")

    # The second step: the code from the authenticator app, computed from the device's key.
    expect(page).to_have_url(at("/accounts/login/code/?next=%2Finquiries%2F"))
    expect(page.locator("#id_token")).to_be_focused()
    screenshot(page, "login-code")
    page.locator("#id_token").fill(code_now(device))
    page.locator("#id_token").press("Enter")

    expect(page).to_have_url(at("/inquiries/"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("p.result-count")).to_be_visible()
    expect(page.locator(".portal-user .user")).to_have_text(advisor.get_full_name())


def test_a_wrong_code_keeps_the_advisor_at_the_code_step(page: Page, advisor):
    device = totp_device_for(advisor)
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    wrong = str((int(code_now(device)) + 500_000) % 1_000_000).zfill(6)
    page.locator("#id_token").fill(wrong)
    page.locator("#id_token").press("Enter")

    expect(page.locator("#id_token-error")).to_be_visible()
    page.goto("/inquiries/")
    expect(page).to_have_url(at("/accounts/login/code/?next=%2Finquiries%2F"))


def test_first_login_sets_up_the_app_from_the_qr_code_or_the_typed_key(page: Page, advisor):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(at("/accounts/two-factor/set-up/?next=%2F"))
    qr = page.locator("#qr-code")
    expect(qr).to_be_visible()
    assert page.evaluate("document.getElementById('qr-code').naturalWidth") > 0
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    screenshot(page, "two-factor-set-up")
    # What an authenticator app does with the typed key.
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.locator("#id_token").fill(str(totp(key)).zfill(6))
    page.locator("#id_token").press("Enter")

    expect(page).to_have_url(at("/"))
    expect(page.locator("#overdue-heading")).to_be_visible()


def test_logging_in_from_the_login_page_itself_lands_on_the_front_page(page: Page, advisor):
    device = totp_device_for(advisor)
    page.goto("/accounts/login/")
    screenshot(page, "login")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.locator("#id_token").fill(code_now(device))
    page.locator("main form button[type=submit]").first.click()

    expect(page).to_have_url(at("/"))
    expect(page.locator("#overdue-heading")).to_be_visible()
