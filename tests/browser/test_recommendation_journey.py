"""The recommendation's journey in the browser: the advisor writes a recommendation from two
inquiries, the addressed manager responds in the portal (and sees no inquiry), another
department's manager finds nothing, and next year's report shows its status."""

import datetime

import pytest
from playwright.sync_api import Browser, Page, expect

from borgerraadgiver.recommendations.models import Recommendation
from tests.browser.conftest import AxeAudit, follow, inquiry_in, log_in
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def page_for(browser: Browser, live_server, user, width: int = 1280) -> Page:
    context = browser.new_context(
        base_url=live_server.url, locale="da-DK", viewport={"width": width, "height": 900}
    )
    log_in(context, user, live_server)
    return context.new_page()


def test_write_respond_and_next_year_s_status(
    browser: Browser, live_server, advisor_page: Page, org
):
    manager = UserFactory(username="leder-bof", first_name="Lene", last_name="Leder")
    manager.managed_departments.add(org.family)
    stranger = UserFactory(username="leder-job")
    stranger.managed_departments.add(org.jobcentre)
    first = inquiry_in(org.family, received_date=datetime.date(2024, 3, 1), reasons=[org.no_answer])
    second = inquiry_in(
        org.family, received_date=datetime.date(2024, 5, 2), reasons=[org.no_answer]
    )
    inquiry_in(org.family, received_date=datetime.date(2025, 2, 3))  # next year has inquiries
    audit = AxeAudit()

    # From the first inquiry's page; the second is added by its case number.
    advisor = advisor_page
    advisor.goto(f"/inquiries/{first.pk}/")
    follow(advisor.get_by_role("link", name="Skriv en opfordring ud fra denne henvendelse"))
    assert advisor.locator("#id_case_numbers").input_value() == first.case_number
    advisor.locator("#id_text").fill("At afdelingen kvitterer for borgernes henvendelser.")
    advisor.locator("#id_year").fill("2024")
    advisor.locator("#id_case_numbers").fill(f"{first.case_number} {second.case_number}")
    audit.check(advisor, "recommendation-new")
    follow(advisor.get_by_role("button", name="Send opfordringen"))
    recommendation = Recommendation.objects.get()
    assert set(recommendation.inquiries.all()) == {first, second}
    expect(advisor.locator("main")).to_contain_text(second.case_number)
    audit.check(advisor, "recommendation-detail")

    # The manager of the department responds in the portal; the inquiries are not shown.
    boss = page_for(browser, live_server, manager)
    boss.goto("/portal/recommendations/")
    audit.check(boss, "portal-recommendations")
    follow(boss.get_by_role("link", name="At afdelingen kvitterer"))
    expect(boss.locator("main")).not_to_contain_text(first.case_number)
    boss.locator("input[name=status][value=accepted]").check()
    boss.locator("#id_text").fill("Vi indfører et fast kvitteringsbrev.")
    boss.locator("#id_planned_action").fill("Kvitteringsbrev med forventet svartid")
    audit.check(boss, "portal-recommendation")
    follow(boss.get_by_role("button", name="Send svaret"))
    expect(boss.locator(".alert-success")).to_be_visible()
    recommendation.refresh_from_db()
    assert recommendation.status == "accepted"
    narrow = page_for(browser, live_server, manager, width=320)
    narrow.goto(f"/portal/recommendations/{recommendation.pk}/")
    audit.check(narrow, "portal-recommendation-320")

    # Another department's manager finds nothing.
    other = page_for(browser, live_server, stranger)
    other.goto("/portal/recommendations/")
    expect(other.locator("main")).not_to_contain_text("kvitterer")
    response = other.goto(f"/portal/recommendations/{recommendation.pk}/")
    assert response is not None and response.status == 404

    # The advisor sees the response; next year's report shows the status.
    advisor.goto(f"/recommendations/{recommendation.pk}/")
    expect(advisor.locator("main")).to_contain_text("Vi indfører et fast kvitteringsbrev.")
    # The whole report with its charts: seconds on a busy 2-core machine, past TIMEOUT_MS.
    advisor.goto("/report/2025/document.html?preview=1", timeout=30_000)
    expect(advisor.locator("body")).to_contain_text("Status på tidligere opfordringer")
    expect(advisor.locator("body")).to_contain_text("Imødekommet")
    expect(advisor.locator("body")).to_contain_text("Vi indfører et fast kvitteringsbrev.")
    audit.assert_clean()
