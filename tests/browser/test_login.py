"""Logging in, as the advisor does it in a browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import at, screenshot
from tests.factories import PASSWORD

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


def test_right_password_lands_on_the_inquiry_list(page: Page, advisor):
    page.goto("/inquiries/")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")

    expect(page).to_have_url(at("/inquiries/"))
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("p.result-count")).to_be_visible()
    expect(page.locator(".portal-user .user")).to_have_text(advisor.get_full_name())


def test_logging_in_from_the_login_page_itself_lands_on_the_front_page(page: Page, advisor):
    page.goto("/accounts/login/")
    screenshot(page, "login")
    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(at("/"))
    expect(page.locator("#overdue-heading")).to_be_visible()
