"""No page breaks the Content Security Policy: the browser reports no violation anywhere.

The policy (config/settings/base.py) allows scripts and styles from the site's own files only, so
an inline script, `onclick=` or `style=""` shows up here as a violation. The admin runs under the
same policy.
"""

import datetime

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Browser, Page

from tests.browser.conftest import log_in, screenshot
from tests.factories import AdministratorFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Injected by Playwright (outside the page's CSP): collects every violation the page reports.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
"""


def page_as(browser: Browser, live_server, user) -> tuple[Page, list[str]]:
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    context.set_default_timeout(8_000)
    context.add_init_script(LISTEN)
    if user is not None:
        log_in(context, user, live_server)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return page, console


def visit(page: Page, console: list[str], path: str, found: dict[str, list[str]]) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    name = path.strip("/").replace("/", "-") or "front"
    screenshot(page, f"csp-{name}")
    violations = console + page.evaluate("window.__csp || []")
    console.clear()
    if violations:
        found[path] = violations


def url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def test_no_page_violates_the_content_security_policy(browser: Browser, live_server, make_sent):
    sent = make_sent(datetime.date(2024, 3, 6))
    manager = sent.department.managers.get()
    found: dict[str, list[str]] = {}

    page, console = page_as(browser, live_server, None)
    for path in [url("accounts:login"), url("intake:contact")]:
        if path:
            visit(page, console, path, found)

    advisor = sent.created_by
    page, console = page_as(browser, live_server, advisor)
    for path in [
        url("advisor:home"),
        url("advisor:inquiry_list"),
        url("advisor:inquiry_register"),
        url("advisor:inquiry_detail", sent.inquiry_id),
        url("advisor:inquiry_edit", sent.inquiry_id),
        url("advisor:forwarding_detail", sent.pk),
        url("advisor:forwarding_new", sent.inquiry_id),
        url("accounts:two_factor"),
        url("reports:statistics"),
        url("activities:activity_list"),
        url("activities:activity_new"),
        url("intake:inbox"),
        url("report_content:workspace_current"),
    ]:
        if path:
            visit(page, console, path, found)

    page, console = page_as(browser, live_server, manager)
    for path in [url("portal:forwarding_list"), url("portal:forwarding_detail", sent.pk)]:
        visit(page, console, path, found)

    reader = UserFactory(is_report_reader=True)
    page, console = page_as(browser, live_server, reader)
    # The optional set-up page shows the QR code as a data: image.
    visit(page, console, url("accounts:two_factor_enrol"), found)

    administrator = AdministratorFactory()
    page, console = page_as(browser, live_server, administrator)
    for path in [
        url("admin:index"),
        url("admin:accounts_user_changelist"),
        url("admin:accounts_user_change", advisor.pk),
        url("admin:organisation_department_changelist"),
        url("admin:organisation_department_change", sent.department_id),
        url("admin:organisation_office_changelist"),
        url("admin:accounts_loginlockout_changelist"),
        url("imports:import_start"),
    ]:
        if path:
            visit(page, console, path, found)

    assert not found, "CSP violations:\n" + "\n".join(
        f"{path}: {violations}" for path, violations in found.items()
    )
