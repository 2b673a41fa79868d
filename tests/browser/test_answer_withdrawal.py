"""The manager's answer in the browser: confirm before sending, withdraw a mistaken answer,
send the replacement; the advisor sees both, the withdrawn one marked. Axe-clean throughout."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import forwarding_draft, forwarding_send
from tests.browser.conftest import AxeAudit, follow, inquiry_in, log_in
from tests.factories import UserFactory
from tests.helpers import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.date(2024, 3, 4)


def page_for(browser: Browser, live_server, user) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
    )
    log_in(context, user, live_server)
    return context.new_page()


def test_answer_confirm_withdraw_and_replace(
    browser: Browser, live_server, advisor_page: Page, advisor, org
):
    manager = UserFactory(username="leder-bof", first_name="Lene", last_name="Leder")
    manager.managed_departments.add(org.family)
    inquiry = inquiry_in(org.family, received_date=DAY)
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Borgeren",
        given_date=DAY,
        method="phone",
    )
    draft = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=org.family,
        text="Borgeren venter på svar.",
    )
    forwarding = forwarding_send(
        forwarding=draft, sent_by=advisor, now=at(DAY), share_identity=True
    )
    audit = AxeAudit()

    boss = page_for(browser, live_server, manager)
    boss.goto(f"/portal/{forwarding.pk}/")
    expect(boss.locator("main")).to_contain_text(inquiry.person.name)
    expect(boss.get_by_role("textbox", name="Forvaltningens svar til borgeren")).to_be_visible()
    boss.locator("#id_answer_text").fill("Svar til den forkerte borger.")
    # Without the confirmation nothing is sent, and the text is kept.
    follow(boss.get_by_role("button", name="Send svaret"))
    expect(boss.locator("#id_confirmed-error")).to_be_visible()
    expect(boss.locator("#id_answer_text")).to_have_value("Svar til den forkerte borger.")
    audit.check(boss, "answer-unconfirmed")
    boss.locator("#id_confirmed").check()
    follow(boss.get_by_role("button", name="Send svaret"))
    expect(boss.locator(".alert-success")).to_be_visible()
    audit.check(boss, "answered-withdrawable")

    boss.locator("#id_withdraw-reason").fill("Sendt med forkert navn.")
    boss.locator("#id_withdraw-confirmed").check()
    follow(boss.get_by_role("button", name="Tilbagekald svaret"))
    expect(boss.locator("main")).to_contain_text("Tilbagekaldt svar")
    audit.check(boss, "withdrawn")
    boss.locator("#id_answer_text").fill("Det rigtige svar.")
    boss.locator("#id_confirmed").check()
    follow(boss.get_by_role("button", name="Send svaret"))
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.answer_text) == ("answered", "Det rigtige svar.")

    advisor_page.goto(f"/forwardings/{forwarding.pk}/")
    main = advisor_page.locator("main")
    expect(main).to_contain_text("Det rigtige svar.")
    expect(main).to_contain_text("Svar til den forkerte borger.")
    expect(main).to_contain_text("Sendt med forkert navn.")
    expect(main).to_contain_text("Tilbagekaldt")
    audit.check(advisor_page, "advisor-with-withdrawn")
    audit.assert_clean()
