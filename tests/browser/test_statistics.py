"""The statistics page in a browser: the figures load, the filters and publishing work from the
keyboard, and axe finds no WCAG 2.1 A/AA violation. Run with `-m browser -p no:xdist`."""

import datetime

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import (
    TIMEOUT_MS,
    AxeAudit,
    follow,
    inquiry_in,
    log_in,
    screenshot,
)
from tests.factories import AdvisorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def logged_in(browser, live_server):
    """A fresh page logged in as `user`, one browser context each."""
    contexts: list[BrowserContext] = []

    def page_for(user) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="da-DK",
            timezone_id="Europe/Copenhagen",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(5 * TIMEOUT_MS)  # the first page draws both charts
        contexts.append(context)
        log_in(context, user, live_server)
        return context.new_page()

    yield page_for
    for context in contexts:
        context.close()


@pytest.fixture
def register(org):
    for day, department, handling in [
        (datetime.date(2024, 2, 1), org.family, org.advice),
        (datetime.date(2024, 3, 1), org.family, org.dialogue),
        (datetime.date(2024, 4, 1), org.school, org.advice),
        (datetime.date(2024, 5, 1), org.jobcentre, org.forwarded),
        (datetime.date(2023, 5, 1), org.jobcentre, org.advice),
    ]:
        inquiry_in(department, received_date=day, handling_type=handling, reasons=[org.no_answer])
    return org


def _charts_loaded(page: Page) -> None:
    images = page.locator("img.stats-chart")
    expect(images).to_have_count(2)
    for index in range(2):
        assert images.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")
        assert images.nth(index).get_attribute("alt")


def test_advisor_filters_by_keyboard_and_publishes(logged_in, register):
    audit = AxeAudit()
    page = logged_in(AdvisorFactory(username="raadgiver"))
    page.goto("/statistics/?year=2024")
    expect(page.locator("h1")).to_contain_text("2024")
    _charts_loaded(page)
    audit.check(page, "statistics")

    page.locator("#id_area").select_option(label="Læring")
    with page.expect_navigation():
        page.locator("form.filter-form button[type=submit]").press("Enter")
    assert "area=" in page.url
    expect(page.locator(".summary-table tbody tr").first).to_contain_text("3")
    audit.check(page, "statistics-area")

    page.goto("/statistics/?start=2024-05-01&end=2024-04-01")
    expect(page.locator(".error-summary")).to_be_visible()
    audit.check(page, "statistics-bad-filter")

    page.goto("/statistics/?year=2024")
    follow(page.locator("a[href^='/statistics/publish/']"))
    audit.check(page, "statistics-publish")
    page.locator("#id_note").fill("Sendt til byrådet")
    with page.expect_navigation():
        page.locator("#id_note").press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator(".alert-info")).to_be_visible()  # the frozen figures' notice
    screenshot(page, "statistics-published")
    audit.check(page, "statistics-published")
    audit.assert_clean()


def test_report_reader_sees_the_page_without_axe_violations(logged_in, register):
    page = logged_in(UserFactory(username="laeser", is_report_reader=True))
    page.goto("/statistics/?year=2024")
    _charts_loaded(page)
    expect(page.locator("a[href^='/statistics/publish/']")).to_have_count(0)
    expect(page.locator("nav .mainmenu a[href='/statistics/']")).to_have_count(1)
    audit = AxeAudit()
    audit.check(page, "statistics-reader")
    audit.assert_clean()
