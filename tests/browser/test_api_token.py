"""The API token page and the API's documentation page, as an advisor meets them."""

import pytest
from playwright.sync_api import Browser, Page, expect

from borgerraadgiver.api.models import ApiToken
from tests.browser.conftest import AxeAudit, follow, log_in, screenshot, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
"""


@pytest.fixture
def axe_page(browser: Browser, live_server, advisor):
    """The advisor's browser, under the app's Content Security Policy like every user's."""
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(8_000)
    log_in(context, advisor, live_server)
    yield context.new_page()
    context.close()


def test_an_advisor_makes_a_token_from_the_keyboard_and_sees_it_once(axe_page: Page, advisor):
    page = axe_page
    audit = AxeAudit()
    page.goto("/api/token/")
    audit.check(page, "api-token")
    tab_to(page, "button[name=create]")
    follow(page.locator("button[name=create]"), "Enter")
    token = page.locator("#api-token")
    expect(token).to_be_visible()
    key = token.input_value()
    assert ApiToken.objects.get(user=advisor).prefix == key[:8]
    audit.check(page, "api-token-made")
    page.goto("/api/token/")
    assert key not in page.content()
    audit.assert_clean()


def test_the_token_and_documentation_pages_run_under_the_content_security_policy(
    advisor_page: Page,
):
    page = advisor_page
    page.add_init_script(LISTEN)
    page.goto("/api/token/")
    follow(page.locator("button[name=create]"))
    assert page.evaluate("window.__csp") == []
    page.goto("/api/docs/")
    expect(page.get_by_text("/api/inquiries/{id}/").first).to_be_visible()
    screenshot(page, "api-docs")
    assert page.evaluate("window.__csp") == []
