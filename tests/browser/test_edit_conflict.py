"""The edit page when someone else saved the inquiry meanwhile, as the advisor sees it."""

from collections.abc import Iterator

import pytest
from django.urls import get_resolver
from playwright.sync_api import Browser, BrowserContext, Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import editing
from borgerraadgiver.inquiries.services.inputs import Placement
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, inquiry_in
from tests.factories import AdvisorFactory
from tests.helpers import at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    """The browser tests' context, letting axe-core's script past the Content Security Policy."""
    get_resolver().url_patterns  # noqa: B018 - import every view before the first page
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS * 3)  # a busy machine
    yield context
    context.close()


def test_a_save_over_a_colleagues_change_shows_it_and_keeps_the_typed_text(
    advisor_page: Page, org, advisor
):
    inquiry = inquiry_in(org.family, summary="Som registreret", advisor=advisor)
    page = advisor_page
    page.goto(f"/inquiries/{inquiry.pk}/edit/")
    # Meanwhile a colleague changes the summary.
    colleague = AdvisorFactory(first_name="Kirsten", last_name="Kollega")
    stored = Inquiry.objects.get(pk=inquiry.pk)
    editing.inquiry_update(
        inquiry=stored,
        changed_by=colleague,
        now=at(stored.received_date),
        received_date=stored.received_date,
        channel=stored.channel,
        complainant_kind=stored.complainant_kind,
        placement=Placement(area=stored.area, department=stored.department),
        reasons=list(stored.reasons.all()),
        handling_type=stored.handling_type,
        summary="Kollegaens rettelse",
        status=stored.status,
        closed_date=None,
        advisor=stored.advisor,
        expected_version=1,
    )

    page.locator("textarea[name=summary]").fill("Min egen tekst")
    page.locator("form button.button-primary").click()

    alert = page.locator("#stale-alert")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Kirsten Kollega")
    expect(alert).to_contain_text("Kollegaens rettelse")
    expect(page.locator("textarea[name=summary]")).to_have_value("Min egen tekst")
    audit = AxeAudit()
    audit.check(page, "edit-conflict")
    audit.assert_clean()

    page.locator("form button.button-primary").click()  # knowingly keep my version
    expect(page).to_have_url(f"/inquiries/{inquiry.pk}/")
    stored.refresh_from_db()
    assert (stored.summary, stored.version) == ("Min egen tekst", 3)
