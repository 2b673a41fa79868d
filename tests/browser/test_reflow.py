"""Every page on a phone: no sideways scrolling at 320 CSS px (WCAG 1.4.10), and axe at 1400 and
320 px on a representative set.

The pages are found by walking the URL configuration (the access-log walk's, with its test
world), so a new page is checked without anyone listing it. Each named URL is first fetched with
Django's test client as the first role that may open it; every one answering 200 with HTML is then
opened in the browser at 320 px. One browser context (one login) per role.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.core import signing
from django.db.models import F
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page

from borgerraadgiver.activities.models import Activity, ActivityKind
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.intake.views import RECEIPT_SALT
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.report_content.services import case_example_mark
from tests.audit.test_access_log_discovered import World, arguments, named_urls, world
from tests.browser.conftest import AxeAudit, inquiry_in, log_in, screenshot
from tests.factories import AdministratorFactory, UserFactory
from tests.login import verified_client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

__all__ = ["world"]  # the access-log walk's world, used here as a fixture

PHONE = {"width": 320, "height": 720}
DESKTOP = {"width": 1400, "height": 900}
YEAR = 2024

# Opened without logging in: the citizen's pages and the login.
PUBLIC = {"intake:contact", "intake:accessibility", "intake:receipt", "accounts:login"}
# Not pages for a person at all (data for programs, or a redirect), with the reason.
NOT_PAGES = {
    "api": "JSON for programs; its browsable description is Swagger UI's own page",
    "operations": "the health check",
    "accounts:logout": "a POST",
    "accounts:set_language": "a POST",
    "admin:logout": "a POST",
    "admin:view_on_site": "a redirect",
    "admin:autocomplete": "JSON",
    "admin:jsi18n": "JavaScript",
    "advisor:role_grant_decide": "a POST",
    "reports:withdraw": "a POST",
    "report_content:example_mark": "a POST",
    "reports:chart": "an SVG image on the statistics page",
    "report_document:edition": "a download (DOCX, PDF, HTML)",
}
# The admin's index, its lists and two of its forms; the rest of its forms are Django's own.
ADMIN_PAGES = ("admin:index", "admin:organisation_department_change", "admin:accounts_user_change")
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


@dataclass
class Walk:
    users: dict[str, object]  # role: the user logged in as (None: nobody, the public)
    pages: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # role: [(name, url)]
    skipped: list[str] = field(default_factory=list)


def extra_arguments(name: str, route: str, w: World, extras: dict[str, int]) -> dict | None:
    """The access-log walk's arguments, and those of the pages it leaves out (no person on them)."""
    known = arguments(name, route, w)
    if known is not None:
        return known
    values: dict[str, object] = {}
    for argument in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if argument == "object_id" and name == "admin:organisation_department_change":
            values[argument] = w.inquiry.department_id
        elif argument == "object_id" and name == "admin:accounts_user_change":
            values[argument] = w.advisor.pk
        elif argument == "fmt":
            values[argument] = "html" if name == "report_document:document" else "csv"
        elif argument == "year":
            values[argument] = YEAR
        elif argument == "key":
            values[argument] = Section.ABOUT_OFFICE.value
        elif argument == "token":
            values[argument] = signing.dumps({"r": "BR-W-0001", "e": False}, salt=RECEIPT_SALT)
        elif argument == "pk" and route.startswith("report/examples/"):
            values[argument] = extras["example"]
        elif argument == "pk" and route.startswith("activities/"):
            values[argument] = extras["activity"]
        else:
            return None
    return values


def is_html_page(client: Client, url: str) -> bool:
    response = client.get(url)
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and "attachment" not in response.get("Content-Disposition", "")  # a download
    )


@pytest.fixture
def walk(world, now) -> Walk:
    # The access-log world writes its forwarding straight to the table; the statistics need the
    # deadline first set, as forwarding_send writes it.
    Forwarding.objects.filter(pk=world.forwarding.pk).update(
        original_deadline_date=F("deadline_date")
    )
    administrator = AdministratorFactory(username="administrator")
    reader = UserFactory(username="reader", is_report_reader=True)
    kind = ActivityKind.objects.create(name="Oplæg", sort_order=1)
    activity = Activity.objects.create(
        activity_date=datetime.date(YEAR, 3, 4),
        kind=kind,
        audience="Sagsbehandlere i Børn og Familie",
        created_by=world.advisor,
    )
    example = case_example_mark(inquiry=world.inquiry, user=world.advisor, now=now)
    extras = {"activity": activity.pk, "example": example.pk}
    users = {
        "advisor": world.advisor,
        "manager": world.manager,
        "administrator": administrator,
        "reader": reader,
        "public": None,
    }
    clients = {role: verified_client(user) if user else Client() for role, user in users.items()}
    result = Walk(users=users, pages={role: [] for role in users})
    for name, route in named_urls():
        if name in NOT_PAGES or name.split(":")[0] in NOT_PAGES:
            continue
        if name.startswith("admin:") and name not in ADMIN_PAGES and "changelist" not in name:
            continue
        kwargs = extra_arguments(name, route, world, extras)
        if kwargs is None:
            result.skipped.append(name)
            continue
        url = reverse(name, kwargs=kwargs)
        if name == "report_document:document":
            url += "?preview=1"  # the HTML report as the browser shows it, not as a download
        order = ["public"] if name in PUBLIC else ["advisor", "manager", "administrator", "reader"]
        for role in order:
            if is_html_page(clients[role], url):
                result.pages[role].append((name, url))
                break
    return result


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
        for name, url in pages:
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


def test_a_stacked_case_list_names_each_value_on_a_phone(advisor_page: Page, org):
    """The inquiry list on a phone is one card per inquiry, each value beside its column's name."""
    inquiry_in(org.family)
    page = advisor_page
    page.set_viewport_size(PHONE)
    page.goto("/inquiries/")
    cell = page.locator("table.inquiry-table tbody tr").first.locator("td").nth(1)
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Modtaget"'
    screenshot(page, "reflow-inquiry-list-320px")
