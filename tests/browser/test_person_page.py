"""The person's page as the advisor walks it: from the inquiry to the person, correcting the
details, and merging a second record of the same person (issue 12). axe-core on every page."""

from collections.abc import Iterator

import pytest
from django.urls import get_resolver
from playwright.sync_api import Browser, BrowserContext, Page, expect

from borgerraadgiver.inquiries.models import Inquiry, Person
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, inquiry_in
from tests.factories import PersonFactory

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


def test_person_page_correct_and_merge(advisor_page: Page, org):
    person = PersonFactory(name="Jens Hansen", phone="", cpr="0101901234")
    inquiry = inquiry_in(org.family, person=person)
    twin = PersonFactory(name="Hansen Jens", phone="+45 12 34 56 78", cpr="")
    other_inquiry = inquiry_in(org.family, person=twin)
    page = advisor_page
    audit = AxeAudit()

    page.goto(f"/inquiries/{inquiry.pk}/")
    page.get_by_role("link", name="Jens Hansen").first.click()
    expect(page.locator("h1")).to_have_text("Jens Hansen")
    expect(page.locator("main")).to_contain_text(inquiry.case_number)
    audit.check(page, "person-page")

    page.get_by_role("link", name="Correct details").first.click()
    page.get_by_label("Address").fill("Torvet 1, 8722 Hedensted")
    audit.check(page, "person-correct")
    page.get_by_role("button", name="Save corrections").click()
    expect(page.locator("main")).to_contain_text("Torvet 1, 8722 Hedensted")
    expect(page.locator("main")).to_contain_text("The corrections are saved.")

    page.get_by_role("link", name="Merge with another record").first.click()
    page.get_by_label("Find the other record").fill("12 34 56 78")
    page.get_by_role("button", name="Search").click()
    audit.check(page, "person-merge-find")
    page.get_by_role("link", name="Compare with Hansen Jens").click()
    expect(page.locator("main")).to_contain_text(other_inquiry.case_number)
    audit.check(page, "person-merge-compare")
    page.get_by_label("Keep this record").check()
    page.get_by_role("button", name="Merge the records").click()

    expect(page.locator("main")).to_contain_text("The two records are merged into one.")
    expect(page.locator("main")).to_contain_text(other_inquiry.case_number)
    audit.check(page, "person-merged")
    audit.assert_clean()
    assert not Person.objects.filter(pk=twin.pk).exists()
    assert Inquiry.objects.get(pk=other_inquiry.pk).person_id == person.pk
