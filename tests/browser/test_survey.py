"""The citizen's verdict in a browser: the advisor e-mails the survey link from a closed
inquiry, the citizen answers it without JavaScript (axe at 320 and 1,400 px), the link cannot be
used again, the inquiry comes back on the advisor's front page, and the statistics show the
result with the small numbers hidden."""

import datetime
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from borgerraadgiver.feedback.models import ContactRequest, SurveyAnswer
from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, follow, inquiry_in

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}
WIDE = {"width": 1400, "height": 900}


def _citizen_context(browser: Browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport=NARROW,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def citizen(browser: Browser, live_server) -> Iterator[Page]:
    """The citizen's own browser: never logged in, no JavaScript, a narrow phone screen."""
    context = _citizen_context(browser, live_server, javascript=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def checker(browser: Browser, live_server) -> Iterator[Page]:
    """Another citizen's browser, with JavaScript for axe only (axe cannot run without it)."""
    context = _citizen_context(browser, live_server, javascript=True)
    yield context.new_page()
    context.close()


def test_a_citizen_answers_the_survey_from_the_closing_e_mail(
    citizen: Page, checker: Page, advisor_page: Page, org, mailoutbox
):
    inquiry = inquiry_in(
        org.family,
        received_date=datetime.date(2024, 3, 1),
        status=Inquiry.Status.CLOSED,
        closed_date=datetime.date(2024, 5, 2),
        handling_type=org.advice,
    )
    audit = AxeAudit()

    # The advisor asks from the closed inquiry's page.
    advisor = advisor_page
    advisor.goto(f"/inquiries/{inquiry.pk}/", timeout=30_000)
    follow(advisor.locator(".feedback-invite-form button[value='email']"))
    expect(advisor.locator(".alert-success")).to_be_visible()
    (mail,) = mailoutbox
    assert mail.to == [inquiry.person.email]
    path = re.search(r"https?://[^/\s]+(/survey/[A-Za-z0-9_-]+/)", mail.body).group(1)

    # Axe at 320 and 1,400 px, the empty form and the form refused (neither uses the link).
    checker.goto(path, timeout=30_000)
    audit.check(checker, "survey-320")
    follow(checker.locator("#survey-send"))
    audit.check(checker, "survey-refused-320")
    checker.set_viewport_size(WIDE)
    checker.goto(path)
    audit.check(checker, "survey-1400")
    follow(checker.locator("#survey-send"))
    audit.check(checker, "survey-refused-1400")

    # The citizen opens the link on a phone, without JavaScript.
    page = citizen
    page.goto(path, timeout=30_000)
    expect(page.locator("h1")).to_have_text("Hvordan gik det?")
    follow(page.locator("#survey-send"))  # nothing answered: every question named
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_felt_heard-error")).to_be_visible()
    page.locator("#id_felt_heard_0").check()  # yes
    page.locator("#id_understood_answer_1").check()  # partly
    page.locator("#id_contact_helped_2").check()  # no
    page.locator("#id_comment").fill("Jeg ventede længe på at høre fra afdelingen.")
    page.locator("#id_contact_again").check()
    follow(page.locator("#survey-send"))
    expect(page).to_have_url(re.compile(r"/survey/done/$"))
    expect(page.locator("h1")).to_have_text("Tak for dine svar")
    checker.goto("/survey/done/")
    audit.check(checker, "survey-done-1400")

    # The same link again: it cannot be used twice.
    response = page.goto(path)
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Linket kan ikke bruges")
    checker.set_viewport_size(NARROW)
    checker.goto(path)
    audit.check(checker, "survey-used-320")
    answer = SurveyAnswer.objects.get()
    assert (answer.felt_heard, answer.understood_answer, answer.contact_helped) == (
        "yes",
        "partly",
        "no",
    )
    assert ContactRequest.objects.get().inquiry == inquiry

    # The advisor sees the request on the front page, and the statistics hide the one answer.
    advisor.goto("/", timeout=30_000)
    expect(advisor.locator(".contact-again-list")).to_contain_text(inquiry.case_number)
    audit.check(advisor, "front-page-contact-again")
    advisor.goto("/statistics/?start=2024-01-01&end=2024-12-31", timeout=60_000)
    verdict = advisor.locator("section[aria-labelledby='verdict-heading']")
    expect(verdict).to_be_visible()
    expect(verdict.locator("table")).to_contain_text("under 3")
    expect(verdict.locator("table")).not_to_contain_text(re.compile(r"\b1\b"))
    audit.check(advisor, "statistics-verdict")
    audit.assert_clean()
