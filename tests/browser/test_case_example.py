"""In the browser: an advisor writes a case example with a CPR number, sees it flagged, fixes
it and submits it; another advisor approves it. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from borgerraadgiver.report_content.models import CaseExample
from tests.browser.conftest import AXE_JS, AXE_TAGS, describe_violations, follow, log_in, screenshot
from tests.factories import AdvisorFactory, InquiryFactory, PersonFactory

pytestmark = pytest.mark.browser


class AxeAudit:
    """As tests/browser's, with axe loaded as an init script: the pages' Content Security
    Policy forbids inline scripts, which is what `add_script_tag` would add."""

    def __init__(self) -> None:
        self.findings: list[str] = []

    def check(self, page: Page, name: str) -> None:
        screenshot(page, f"a11y-{name}")
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
        )
        if result["violations"]:
            self.findings.append(
                f"{name} ({page.url}):\n{describe_violations(result['violations'])}"
            )

    def assert_clean(self) -> None:
        assert not self.findings, "axe found WCAG 2.1 A/AA violations on\n" + "\n".join(
            self.findings
        )


def logged_in(browser: Browser, live_server, user) -> tuple[BrowserContext, Page]:
    """A browser context with the session of `user`, past the second factor as the tests do."""
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(4_000)
    context.set_default_navigation_timeout(20_000)  # a busy machine's first page is slow
    context.add_init_script(path=str(AXE_JS))
    log_in(context, user, live_server)
    return context, context.new_page()


def test_flagged_cpr_fixed_then_approved_by_another_advisor(browser, live_server, advisor):
    inquiry = InquiryFactory(person=PersonFactory(name="Karen Ølgaard"))
    audit = AxeAudit()
    context, page = logged_in(browser, live_server, advisor)

    page.goto(f"/inquiries/{inquiry.pk}/")
    follow(page.locator(".example-mark-form button"))
    expect(page).to_have_url(re.compile(r"/report/examples/\d+/$"))
    page.fill("#id_title", "Svar efter lang ventetid")
    page.fill(
        "#id_text",
        "Karen ringede og oplyste CPR 010190-1234.\n\nHun fik svar efter borgerrådgiverens "
        "henvendelse.",
    )
    follow(page.locator("form.wide-form button[type=submit]"))
    expect(page.locator("mark.finding-cpr")).to_have_text("010190-1234")
    expect(page.locator("mark.finding-name")).to_have_text("Karen")
    expect(page.locator("form[action$='/submit/']")).to_have_count(0)
    audit.check(page, "case-example-flagged")

    # Rewritten without the CPR number and the name.
    page.fill("#id_text", "En borger fik svar efter borgerrådgiverens henvendelse.")
    follow(page.locator("form.wide-form button[type=submit]"))
    expect(page.locator("mark")).to_have_count(0)
    expect(page.locator(".check-clean")).to_be_visible()
    submit = page.locator("form[action$='/submit/'] button")
    submit.focus()
    follow(submit, "Enter")  # from the keyboard
    example = CaseExample.objects.get()
    assert example.status == CaseExample.Status.AWAITING_APPROVAL
    expect(page.locator("form[action$='/approve/']")).to_have_count(0)  # not by its author
    audit.check(page, "case-example-awaiting")
    context.close()

    colleague = AdvisorFactory(username="kollega")
    context, page = logged_in(browser, live_server, colleague)
    page.goto(f"/report/{example.year}/")
    audit.check(page, "report-workspace")
    follow(page.get_by_role("link", name="Svar efter lang ventetid"))
    follow(page.locator("form[action$='/approve/'] button"))
    example.refresh_from_db()
    assert (example.status, example.approved_by) == (CaseExample.Status.APPROVED, colleague)
    page.goto(f"/report/{example.year}/")
    expect(page.locator("ol.example-list")).to_contain_text("Svar efter lang ventetid")
    audit.check(page, "report-workspace-approved")
    page.goto(f"/report/{example.year}/texts/recommendations/")
    audit.check(page, "report-text")
    context.close()
    audit.assert_clean()


def test_the_preview_is_an_accessible_document(browser, live_server, advisor):
    audit = AxeAudit()
    context, page = logged_in(browser, live_server, advisor)
    # The whole report with its charts: seconds on a busy 2-core machine, past TIMEOUT_MS.
    page.goto("/report/2024/document.html?preview=1", timeout=30_000)
    expect(page.locator("h1")).to_have_count(1)
    audit.check(page, "report-document")
    context.close()
    audit.assert_clean()
