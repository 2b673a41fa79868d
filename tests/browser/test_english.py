"""The advisor works in English: the language is switched on the page and kept on the user."""

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import at, follow, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_advisor_switches_to_english_and_registers_finds_and_edits(
    advisor_page: Page, advisor, org
):
    page = advisor_page
    page.goto("/inquiries/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.locator("#language-select").select_option("en")
    follow(page.get_by_role("button", name="Skift sprog"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    advisor.refresh_from_db()
    assert advisor.language == "en"

    follow(page.get_by_role("link", name="Register inquiry").first)
    expect(page.locator("h1")).to_have_text("Register inquiry")
    page.get_by_label("Name").fill("Kate Example")
    page.locator("#id_department").select_option(f"d{org.school.pk}")
    page.locator("#id_handling_type").select_option(str(org.advice.pk))
    page.locator(f"input[name=reasons][value='{org.no_answer.pk}']").check()
    page.get_by_label("Summary").fill("Asks about the school bus")
    follow(page.get_by_role("button", name="Register", exact=True))
    inquiry = Inquiry.objects.get()
    expect(page.locator(".alert-success")).to_contain_text(
        f"Inquiry {inquiry.case_number} is registered."
    )

    page.goto("/inquiries/")
    page.get_by_role("textbox", name="Search").fill("kate example")
    follow(page.get_by_role("button", name="Search", exact=True))
    expect(page.locator("p.result-count")).to_have_text("1 inquiry")
    follow(page.get_by_role("link", name=inquiry.case_number))
    follow(page.get_by_role("link", name="Edit"))
    expect(page).to_have_url(at(f"/inquiries/{inquiry.pk}/edit/"))
    page.get_by_label("Summary").fill("Asks about the school bus and the timetable")
    follow(page.get_by_role("button", name="Save changes"))
    expect(page.locator(".alert-success")).to_have_text("The changes are saved.")
    expect(page.locator("table")).to_contain_text("Asks about the school bus and the timetable")
    screenshot(page, "english-detail-after-edit")
