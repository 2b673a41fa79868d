"""The whole forwarding journey in the browser: consent, forward, the manager answers, the
advisor reads the copy and closes it; another department's manager sees none of it."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from borgerraadgiver.forwarding.models import Forwarding
from tests.browser.conftest import AxeAudit, follow, inquiry_in, log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def page_for(browser: Browser, live_server, user) -> Page:
    """A fresh browser, logged in as `user` (the login form has its own tests)."""
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    log_in(context, user, live_server)
    return context.new_page()


def test_consent_forward_answer_read_and_close(
    browser: Browser, live_server, advisor_page: Page, org
):
    manager = UserFactory(username="leder-bof", first_name="Lene", last_name="Leder")
    manager.managed_departments.add(org.family)
    stranger = UserFactory(username="leder-job", first_name="Jens", last_name="Jobcenter")
    stranger.managed_departments.add(org.jobcentre)
    inquiry = inquiry_in(
        org.family, received_date=datetime.date(2024, 3, 1), summary="Intern note om familien"
    )
    audit = AxeAudit()

    # The advisor tries to forward without consent: kept as a draft, with the reason.
    advisor = advisor_page
    advisor.goto(f"/inquiries/{inquiry.pk}/")
    follow(advisor.get_by_role("link", name="Send til en afdeling"))
    advisor.locator("input[name=kind][value=forwarded]").check()
    advisor.locator("#id_text").fill("Borgeren har ventet på svar i tre måneder.")
    audit.check(advisor, "forwarding-new")
    follow(advisor.locator("button[name=send]"))
    expect(advisor.locator(".alert-error")).to_be_visible()
    assert Forwarding.objects.get().status == "draft"

    # Consent recorded on the inquiry, then the draft is sent.
    advisor.goto(f"/inquiries/{inquiry.pk}/")
    advisor.locator("summary", has_text="samtykke").first.click()
    advisor.locator("#id_consent-given_by").fill(inquiry.person.name)
    follow(advisor.get_by_role("button", name="Registrér samtykke"))
    expect(advisor.locator(".alert-success")).to_be_visible()
    audit.check(advisor, "inquiry-with-consent")
    follow(advisor.locator("main a[href*='/forwardings/']").first)
    follow(advisor.locator("main form button.button-primary"))
    forwarding = Forwarding.objects.get()
    assert forwarding.status == "sent"
    audit.check(advisor, "forwarding-sent")

    # The manager of the department sees it in the portal, but not the inquiry itself.
    boss = page_for(browser, live_server, manager)
    boss.goto("/")
    expect(boss.locator("h1")).to_have_text("Sager fra borgerrådgiveren")
    audit.check(boss, "portal-list")
    follow(boss.get_by_role("link", name=inquiry.case_number))
    expect(boss.locator("main")).to_contain_text("Borgeren har ventet på svar i tre måneder.")
    expect(boss.locator("main")).not_to_contain_text("Intern note om familien")
    audit.check(boss, "portal-detail")
    boss.locator("#id_answer_text").fill("Vi beklager ventetiden. Afgørelsen sendes i morgen.")
    boss.locator("#id_confirmed").check()
    follow(boss.get_by_role("button", name="Send svaret"))
    forwarding.refresh_from_db()
    assert forwarding.status == "answered"

    # Another department's manager finds nothing: not in the list, and 404 on the page.
    other = page_for(browser, live_server, stranger)
    other.goto("/portal/")
    expect(other.locator("main")).not_to_contain_text(inquiry.case_number)
    response = other.goto(f"/portal/{forwarding.pk}/")
    assert response is not None and response.status == 404
    response = other.goto(f"/inquiries/{inquiry.pk}/")
    assert response is not None and response.status == 404

    # The front page lists the answer as not yet read; reading it takes it off.
    advisor.goto("/")
    unread = advisor.locator("section[aria-labelledby=unread-heading]")
    expect(unread).to_contain_text(inquiry.case_number)
    audit.check(advisor, "front-page")

    # The advisor reads the copy and closes the forwarding with its outcome.
    follow(unread.get_by_role("link", name=inquiry.case_number))
    expect(advisor.locator("main")).to_contain_text("Vi beklager ventetiden.")
    advisor.locator("input[name=close-outcome][value=apology]").check()
    audit.check(advisor, "forwarding-answered")
    follow(advisor.get_by_role("button", name="Afslut", exact=True))
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.outcome) == ("closed", "apology")
    advisor.goto("/")
    expect(advisor.locator("section[aria-labelledby=unread-heading]")).not_to_contain_text(
        inquiry.case_number
    )
    audit.assert_clean()
