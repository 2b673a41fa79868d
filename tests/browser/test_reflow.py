"""Every page on a phone: no sideways scrolling at 320 CSS px (WCAG 1.4.10), and axe at 1400 and
320 px on a representative set.

The pages are found by walking the URL configuration (the access-log walk's, with its test
world), so a new page is checked without anyone listing it. Each named URL is first fetched with
Django's test client as the first role that may open it; every one answering 200 with HTML is then
opened in the browser at 320 px. One browser context (one login) per role.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.audit.test_access_log_discovered import world
from tests.browser.conftest import AxeAudit, inquiry_in, log_in, screenshot
from tests.page_walk import Walk, page_walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["world"]  # the access-log walk's world, used here as a fixture

PHONE = {"width": 320, "height": 720}
DESKTOP = {"width": 1400, "height": 900}

# axe at both widths on these: the lists, a case, the forms, the figures and the public form.
AXE_PAGES = {
    "advisor:home",
    "advisor:inquiry_list",
    "advisor:inquiry_detail",
    "advisor:inquiry_register",
    "advisor:forwarding_overview",
    "advisor:person_detail",
    "intake:inbox",
    "portal:forwarding_list",
    "portal:forwarding_detail",
    "reports:statistics",
    "activities:activity_list",
    "privacy:access_log_search",
    "intake:contact",
}

# The elements that stick out of the viewport, outermost first, for the failure message.
WIDEST = """() => {
  const width = innerWidth; const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    const parent = el.parentElement && el.parentElement.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && (!parent || parent.right <= width + 1)) {
      found.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim()
        .split(/\\s+/).join('.') : '') + ' (' + Math.round(box.right) + ' px)');
    }
  }
  return found.slice(0, 5);
}"""


@pytest.fixture
def walk(world, now) -> Walk:
    return page_walk(world, now)


@pytest.fixture
def contexts(browser: Browser, live_server, walk) -> Iterator[dict[str, BrowserContext]]:
    made: dict[str, BrowserContext] = {}
    for role, user in walk.users.items():
        context = browser.new_context(
            base_url=live_server.url,
            locale="da-DK",
            timezone_id="Europe/Copenhagen",
            viewport=PHONE,
        )
        context.set_default_timeout(10_000)
        if user is not None:
            log_in(context, user, live_server)
        made[role] = context
    yield made
    for context in made.values():
        context.close()


def test_every_page_reflows_at_320_px_and_the_main_pages_pass_axe_at_1400_and_320(walk, contexts):
    too_wide, visited = [], []
    audit = AxeAudit()
    for role, pages in walk.pages.items():
        page: Page = contexts[role].new_page()
        for name, url, _html in pages:
            page.set_viewport_size(PHONE)
            page.goto(url)
            visited.append(name)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > page.evaluate("innerWidth"):
                too_wide.append(f"{name} ({url}) as {role}: {width} px, {page.evaluate(WIDEST)}")
            if name in AXE_PAGES:
                audit.check(page, f"320px-{name.replace(':', '-')}")
                page.set_viewport_size(DESKTOP)
                audit.check(page, f"1400px-{name.replace(':', '-')}")
        page.close()
    assert too_wide == [], "these pages scroll sideways at 320 CSS px:\n" + "\n".join(too_wide)
    audit.assert_clean()
    # The walk reached the pages it is meant to: staff, portal, administrator, reader and public.
    assert set(visited) >= AXE_PAGES, sorted(AXE_PAGES - set(visited))
    assert {
        "admin:index",
        "admin:accounts_user_change",
        "report_document:document",
        "imports:import_start",
        "intake:receipt",
        "report_content:workspace",
    } <= set(visited)
    assert walk.skipped == [], "give these URLs' arguments a value in extra_arguments()"


def test_on_a_phone_the_menu_stays_and_a_case_list_names_each_value(advisor_page: Page, org):
    """dkfds hides the menu below 992 px for a drawer its script opens (this app loads none): the
    menu and the log-out button stay. The inquiry list is one card per inquiry, each value beside
    its column's name."""
    inquiry_in(org.family)
    page = advisor_page
    page.set_viewport_size(PHONE)
    page.goto("/inquiries/")
    menu = page.get_by_role("navigation", name="Hovedmenu").get_by_role("link")
    expect(menu.first).to_be_visible()
    assert menu.count() >= 5
    for link in menu.all():
        expect(link).to_be_visible()
    expect(page.locator("button.log-off")).to_be_visible()
    cell = page.locator("table.inquiry-table tbody tr").first.locator("td").nth(1)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Modtaget"'
    screenshot(page, "reflow-inquiry-list-320px")
