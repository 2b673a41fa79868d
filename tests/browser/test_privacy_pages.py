"""The personal-data pages in a browser: keyboard use and WCAG 2.1 A/AA (axe-core)."""

import datetime
from collections.abc import Iterator

import pytest
from django.urls import get_resolver
from playwright.sync_api import BrowserContext, Page, expect

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, inquiry_in, log_in
from tests.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context(browser, live_server) -> Iterator[BrowserContext]:
    get_resolver().url_patterns  # noqa: B018 (import every view before the first page)
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def _logged_in(context: BrowserContext, user, live_server) -> Page:
    log_in(context, user, live_server)
    return context.new_page()


def test_advisor_shows_a_cpr_number_and_the_persons_access_log(
    browser_context, live_server, org, advisor
):
    person = PersonFactory(name="Grete Cpr", cpr="0101901234")
    inquiry = inquiry_in(
        org.family, person=person, advisor=advisor, received_date=datetime.date(2024, 3, 1)
    )
    audit = AxeAudit()
    page = _logged_in(browser_context, advisor, live_server)
    page.goto(f"/inquiries/{inquiry.pk}/")
    expect(page.locator("dd.cpr")).to_contain_text("010190-****")
    audit.check(page, "privacy-inquiry-with-cpr")

    # From the keyboard: focus the button and press Enter.
    page.locator("dd.cpr button").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".cpr-shown")).to_have_text("010190-1234")
    audit.check(page, "privacy-cpr-shown")
    assert AccessLogEntry.objects.filter(event=AccessEvent.CPR_SHOWN, person_id=person.pk).exists()

    page.goto(f"/inquiries/{inquiry.pk}/")
    page.locator(f"a[href='/privacy/persons/{person.pk}/']").click()
    expect(page.locator("h1")).to_contain_text("Grete Cpr")
    expect(page.locator("table")).to_contain_text(inquiry.case_number)
    audit.check(page, "privacy-person-access-log")
    audit.assert_clean()


def test_administrator_searches_the_access_log(browser_context, live_server, administrator):
    audit = AxeAudit()
    page = _logged_in(browser_context, administrator, live_server)
    page.goto("/privacy/access-log/")
    audit.check(page, "privacy-log-search")
    page.fill("#id_start", "2024-03-02")
    page.fill("#id_end", "2024-03-01")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    audit.check(page, "privacy-log-search-error")
    audit.assert_clean()
