"""What the departments owe: the advisor filters, sorts and downloads the forwarding overview."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import AxeAudit, follow, result_count, screenshot
from tests.factories import DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owed(make_sent):
    today = timezone.localdate()
    late = make_sent(
        today - datetime.timedelta(days=40), department=DepartmentFactory(name="Skole")
    )
    late.inquiry.summary = "Borgeren har ikke fået svar på sin klage over skolens visitation"
    late.inquiry.save()
    fresh = make_sent(today, department=DepartmentFactory(name="Jobcenter"))
    return {"late": late, "fresh": fresh}


def case_numbers(page: Page) -> list[str]:
    return page.locator("table.owed-table tbody tr td:nth-child(4) a").all_inner_texts()


def test_the_advisor_filters_sorts_and_downloads_the_overview(
    advisor_page: Page, live_server, owed
):
    page, audit = advisor_page, AxeAudit()
    late, fresh = owed["late"].inquiry.case_number, owed["fresh"].inquiry.case_number
    page.goto(f"{live_server.url}/")
    follow(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Oversendelser")
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Udestående svar fra afdelingerne")
    # Nearest deadline first: the missed one, with its working days overdue.
    assert case_numbers(page) == [late, fresh]
    expect(page.locator("table.owed-table tbody tr").first).to_contain_text("over fristen")
    expect(page.locator("table.owed-table")).to_contain_text("Borgeren har ikke fået svar")
    audit.check(page, "forwarding-overview")

    follow(page.get_by_role("link", name="Sendt"))
    follow(page.get_by_role("link", name="Sendt"))  # again: newest sent first
    assert case_numbers(page) == [fresh, late]
    expect(page.locator("th[aria-sort=descending]")).to_have_text("Sendt")

    page.locator("#id_deadline").select_option("overdue")
    follow(page.locator("form.filter-form .button-group button[type=submit]"))
    assert result_count(page) == 1
    assert case_numbers(page) == [late]
    audit.check(page, "forwarding-overview-filtered")

    link = page.get_by_role("link", name="Download som CSV")
    assert "deadline=overdue" in (link.get_attribute("href") or "")
    with page.expect_download() as download:
        link.click()
    content = download.value.path().read_text(encoding="utf-8-sig")
    assert late in content and fresh not in content

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "forwarding-overview-narrow")
    audit.check(page, "forwarding-overview-narrow")
    audit.assert_clean()
