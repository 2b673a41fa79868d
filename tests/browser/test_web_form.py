"""The citizen's web form in a browser: sent with an attachment, received in the advisor's inbox,
registered by the registration rules; the same form without JavaScript; axe on every page."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from borgerraadgiver.inquiries.models import Channel, Inquiry
from borgerraadgiver.intake.models import Submission
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, at, follow, log_in, screenshot

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _citizen_context(browser: Browser, live_server, *, javascript: bool) -> BrowserContext:
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def citizen(browser: Browser, live_server) -> Iterator[Page]:
    """A citizen's own browser: never logged in, whatever the advisor's browser does."""
    context = _citizen_context(browser, live_server, javascript=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def advisor_browser(browser: Browser, live_server, advisor) -> Iterator[Page]:
    """The advisor's own browser, logged in past the second factor."""
    context = _citizen_context(browser, live_server, javascript=True)
    log_in(context, advisor, live_server)
    yield context.new_page()
    context.close()


@pytest.fixture
def citizen_without_javascript(browser: Browser, live_server) -> Iterator[Page]:
    context = _citizen_context(browser, live_server, javascript=False)
    yield context.new_page()
    context.close()


def _fill_in(page: Page, org, *, name: str) -> None:
    page.locator("#id_complainant_kind_0").check()  # a citizen
    page.locator("#id_name").fill(name)
    page.locator("#id_phone").fill("12 34 56 78")
    page.locator("#id_email").fill("borger@example.com")
    page.get_by_label("Børn og Familie", exact=True).check()
    page.locator("#id_what_happened").fill("Jeg har ventet fire måneder på et svar fra afdelingen.")
    page.locator("#id_what_they_want").fill("At få et svar.")
    page.locator("#id_consents_to_contact_0").check()  # yes


def test_a_citizen_sends_the_form_and_the_advisor_registers_it(
    citizen: Page, advisor_browser: Page, org
):
    audit = AxeAudit()
    page = citizen
    page.goto("/contact/", timeout=30_000)  # the first page of a session also warms up the server
    expect(page.locator("html")).to_have_attribute("lang", "da")
    audit.check(page, "web-form")

    # Sent without a name first: refused, explained at the top and at the field, nothing lost.
    _fill_in(page, org, name="")
    page.locator("#id_attachments").set_input_files(
        {"name": "brev.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    follow(page.locator("#send-button"))
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_name-group']")).to_be_visible()
    expect(page.locator("#id_name-error")).to_be_visible()
    expect(page.locator("#id_what_happened")).to_have_value(re.compile("fire måneder"))
    expect(page.get_by_label("Børn og Familie", exact=True)).to_be_checked()
    audit.check(page, "web-form-refused")
    # Files are never sent back by a browser: the page says to choose them again.
    expect(summary.locator("strong")).to_be_visible()

    page.locator("#id_name").fill("Karen Browsersen")
    page.locator("#id_attachments").set_input_files(
        {"name": "brev.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    follow(page.locator("#send-button"))
    expect(page).to_have_url(re.compile(r"/contact/receipt/[^/]+/$"))
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"W-\d{4}-[A-Z2-9]{6}", reference)
    expect(page.locator("main")).not_to_contain_text("fire måneder")
    audit.check(page, "web-form-receipt")
    screenshot(page, "web-form-receipt")

    # The advisor finds it in the inbox, counted in the menu.
    advisor = advisor_browser
    advisor.goto("/inquiries/")
    expect(advisor.locator("nav a[href='/inbox/']")).to_contain_text("(1)")
    follow(advisor.locator("nav a[href='/inbox/']"))
    audit.check(advisor, "inbox")
    follow(advisor.get_by_role("link", name=reference))
    expect(advisor.locator("main")).to_contain_text("fire måneder")
    expect(advisor.get_by_role("link", name="brev.pdf")).to_be_visible()
    audit.check(advisor, "inbox-submission")

    # "Register as inquiry": the registration page, prefilled; the rules apply from here.
    follow(advisor.locator("#register-link"))
    expect(advisor).to_have_url(re.compile(r"/inquiries/new/\?submission=\d+$"))
    expect(advisor.locator("#id_person_name")).to_have_value("Karen Browsersen")
    expect(advisor.locator("#id_person_email")).to_have_value("borger@example.com")
    expect(advisor.locator("#id_channel")).to_have_value(Channel.WEB_FORM)
    expect(advisor.locator("#id_department")).to_have_value(f"d{org.family.pk}")
    expect(advisor.locator("#id_summary")).to_have_value(re.compile(reference))
    audit.check(advisor, "register-from-web-form")
    advisor.get_by_label(org.no_answer.name, exact=True).check()
    advisor.locator("#id_handling_type").select_option(str(org.advice.pk))
    follow(advisor.locator("#register-button"))
    expect(advisor).to_have_url(re.compile(r"/inquiries/\d+/$"))

    inquiry = Inquiry.objects.get()
    assert inquiry.channel == Channel.WEB_FORM
    assert inquiry.department == org.family
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.REGISTERED
    assert list(submission.inquiries.all()) == [inquiry]
    # The inbox is empty again.
    advisor.goto("/inbox/")
    expect(advisor.locator("nav a[href='/inbox/']")).not_to_contain_text("(")
    audit.assert_clean()


def test_the_form_works_without_javascript(citizen_without_javascript: Page, org):
    page = citizen_without_javascript
    page.goto("/contact/", timeout=30_000)
    # Anonymous: without JavaScript the contact fields stay, and what is typed in them is dropped.
    page.locator("#id_complainant_kind_3").check()
    expect(page.locator("#id_name")).to_be_visible()
    page.locator("#id_name").fill("Skal ikke gemmes")
    page.get_by_label("Jeg ved det ikke").or_(page.get_by_label("I don't know")).check()
    page.locator("#id_consents_to_contact_1").check()  # no
    # Nothing about what happened: refused, and kept.
    follow(page.locator("#send-button"))
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_what_happened-error")).to_be_visible()
    expect(page.locator("#id_complainant_kind_3")).to_be_checked()

    page.locator("#id_what_happened").fill("Jeg blev talt grimt til i Borgerservice.")
    follow(page.locator("#send-button"))
    expect(page).to_have_url(re.compile(r"/contact/receipt/[^/]+/$"))
    submission = Submission.objects.get()
    assert submission.is_anonymous and submission.name == ""
    assert submission.area is None and submission.department is None


def test_anonymous_hides_the_contact_fields_with_javascript(browser: Browser, live_server, org):
    # Under the app's Content Security Policy: the script is a file, never inline.
    context = _citizen_context(browser, live_server, javascript=True)
    page = context.new_page()
    page.goto("/contact/", timeout=30_000)
    expect(page.locator("#contact-details")).to_be_visible()
    page.locator("#id_complainant_kind_3").check()
    expect(page.locator("#contact-details")).to_be_hidden()
    page.locator("#id_complainant_kind_1").check()
    expect(page.locator("#contact-details")).to_be_visible()
    context.close()


def test_the_form_can_be_filled_from_the_keyboard(citizen: Page, org):
    page = citizen
    page.goto("/contact/", timeout=30_000)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "complainant_kind"
    page.keyboard.press("Space")
    expect(page.locator("#id_complainant_kind_0")).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_name"
    # The honeypot is never reached by Tab.
    names = []
    for _ in range(40):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.name || document.activeElement.id"))
        if names[-1] == "send-button":
            break
    assert "website" not in names
    assert names[-1] == "send-button"
    expect(page).to_have_url(at("/contact/"))
