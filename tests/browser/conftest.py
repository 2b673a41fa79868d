"""Browser tests: the running app (pytest-django's live_server) driven by headless Chromium.

One browser for the whole session, a fresh context (cookies, storage) for every test. The UI is
forced to Danish through the context's locale; tests find elements by id, name and role, and read
numbers rather than words, so that a change in the catalogue does not break them.
"""

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import get_resolver
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    sync_playwright,
)

from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.organisation.models import Area, HandlingType
from tests.factories import (
    ActionFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    ReferralBodyFactory,
)
from tests.login import verified_client

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Fail within seconds, not Playwright's default 30, when an element never shows up.
TIMEOUT_MS = 4_000


# One Chromium per test process: another folder's conftest (tests/letters) imports these
# fixtures, which makes a second session fixture, and Playwright's sync API runs only once at a
# time in a process.
_RUNNING: list[Browser] = []


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if _RUNNING:
        yield _RUNNING[0]
        return
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking"],
        )
        _RUNNING.append(browser)
        yield browser
        _RUNNING.clear()
        browser.close()


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    # Import every view (the URL conf pulls in the PDF and chart libraries) before the first
    # page, so that the first request of a session does not outlast TIMEOUT_MS on a busy machine.
    get_resolver().url_patterns  # noqa: B018
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def log_in(context: BrowserContext, user, live_server) -> None:
    """Give the browser the session of `user`, logged in past the second factor (the login form
    has its own test)."""
    client = verified_client(user)
    context.add_cookies(
        [
            {"name": name, "value": morsel.value, "url": live_server.url}
            for name, morsel in client.cookies.items()
        ]
    )


@pytest.fixture
def advisor_page(context: BrowserContext, advisor, live_server) -> Page:
    """A page whose browser is logged in as the advisor (the login form has its own test)."""
    log_in(context, advisor, live_server)
    return context.new_page()


@pytest.fixture
def org(db) -> SimpleNamespace:
    """A small municipality: two areas with departments, one area outside competence, lists."""
    learning = AreaFactory(name="Læring", sort_order=1)
    employment = AreaFactory(name="Beskæftigelse", sort_order=2)
    outside = AreaFactory(
        name="Udenfor kompetence", kind=Area.Kind.OUTSIDE_COMPETENCE, sort_order=9
    )
    return SimpleNamespace(
        learning=learning,
        employment=employment,
        outside=outside,
        family=DepartmentFactory(area=learning, name="Børn og Familie", sort_order=1),
        school=DepartmentFactory(area=learning, name="Skole", sort_order=2),
        jobcentre=DepartmentFactory(area=employment, name="Jobcenter", sort_order=1),
        citizen_service=DepartmentFactory(area=employment, name="Borgerservice", sort_order=2),
        no_answer=ReasonFactory(name="Manglende svar", sort_order=1),
        involvement=ReasonFactory(name="Manglende inddragelse", sort_order=2),
        decision=ReasonFactory(name="Afgørelse", sort_order=3),
        advice=HandlingTypeFactory(
            name="Råd og vejledning", kind=HandlingType.Kind.ADVICE, sort_order=1
        ),
        dialogue=HandlingTypeFactory(
            name="Dialogsag", kind=HandlingType.Kind.DIALOGUE, sort_order=2
        ),
        forwarded=HandlingTypeFactory(
            name="Oversendelsessag", kind=HandlingType.Kind.FORWARDED, sort_order=3
        ),
        meeting=ActionFactory(name="Deltaget i borgers møde med forvaltningen", sort_order=1),
        complaint_help=ActionFactory(name="Hjælp til klage", sort_order=2),
        appeals_board=ReferralBodyFactory(name="Ankestyrelsen"),
    )


def inquiry_in(department, **kwargs) -> Inquiry:
    """An inquiry in the department, written straight to the database (for pages that read)."""
    return InquiryFactory(department=department, area=department.area, **kwargs)


def anonymous_inquiry_in(area, **kwargs) -> Inquiry:
    return InquiryFactory(
        department=None,
        area=area,
        person=None,
        complainant_kind=ComplainantKind.ANONYMOUS,
        **kwargs,
    )


# Helpers a test calls. Plain functions: they need the page, nothing else.


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Written whole, then renamed: the two xdist workers may save the same name at once (two
    # tests audit the login page), and neither may leave half a picture.
    path = SCREENSHOTS / f"{name}.png"
    partial = path.with_name(f".{name}.{os.getpid()}.png")
    partial.write_bytes(page.screenshot(full_page=True))
    partial.replace(path)


def axe_violations(page: Page) -> list[dict]:
    # Evaluated through the browser's debugging protocol: a <script> tag added to the page would
    # be an inline script, which the Content Security Policy blocks.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    """Rule, impact, help and every offending element, for the assertion message."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    target={json.dumps(node['target'])} html={node['html'][:200]}")
            lines.append(f"      {summary}")
    return "\n".join(lines)


class AxeAudit:
    """Checks a page in several states and fails once, naming every violation in every state."""

    def __init__(self) -> None:
        self.findings: list[str] = []

    def check(self, page: Page, name: str) -> None:
        screenshot(page, f"a11y-{name}")
        violations = axe_violations(page)
        if violations:
            self.findings.append(f"{name} ({page.url}):\n{describe_violations(violations)}")

    def assert_clean(self) -> None:
        assert not self.findings, "axe found WCAG 2.1 A/AA violations on\n" + "\n".join(
            self.findings
        )


def result_count(page: Page) -> int:
    """The list's result count ('3 henvendelser', 'Ingen henvendelser', '1.234 henvendelser'),
    read as a number whatever the language."""
    text = page.locator("p.result-count").inner_text()
    if re.match(r"(Ingen|No) ", text):
        return 0
    match = re.search(r"\d[\d.,]*", text)
    assert match, f"no number in the result count {text!r}"
    return int(re.sub(r"[.,]", "", match.group()))


def case_numbers_in_list(page: Page) -> list[str]:
    return page.locator("table.inquiry-table tbody tr td:first-child a").all_inner_texts()


def tab_to(page: Page, selector: str, *, limit: int = 40) -> int:
    """Press Tab until the element matching `selector` has the focus; return the presses needed."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return presses
    focused = page.evaluate("document.activeElement?.outerHTML.slice(0, 120)")
    raise AssertionError(f"Tab never reached {selector} in {limit} presses (focus on {focused})")


def follow(locator: Locator, action: str = "click") -> None:
    """Click (or press Enter in) the element and wait for the page it leads to."""
    with locator.page.expect_navigation():
        if action == "click":
            locator.click()
        else:
            locator.press(action)


def at(path: str) -> re.Pattern[str]:
    """The page's URL is `path`, with whatever fragment the browser kept across a redirect."""
    return re.compile(rf"^[^/]+//[^/]+{re.escape(path)}(#.*)?$")


DETAIL_URL = re.compile(r"/inquiries/\d+/(#.*)?$")


def focused_id(page: Page) -> str:
    return page.evaluate("document.activeElement?.id ?? ''")
