"""Staff pages on paper: no menus, buttons or forms; readable type; whole table rows."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import inquiry_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_printed_case_and_list_have_no_menu_buttons_or_forms_and_keep_rows_whole(
    advisor_page: Page, org
):
    inquiry = inquiry_in(org.family, summary="Venter på svar om aflastning.")
    page = advisor_page
    page.emulate_media(media="print")

    page.goto(f"/inquiries/{inquiry.pk}/")
    expect(page.locator("h1")).to_contain_text(inquiry.case_number)
    expect(page.locator("nav.nav")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.locator("form.contact-form")).to_be_hidden()
    assert page.locator("button:visible, .button:visible").count() == 0
    expect(page.get_by_text("Venter på svar om aflastning.")).to_be_visible()
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Georgia" not in font, font  # dkfds prints in a serif at 48 %; the staff print does not
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 13, f"body text prints at {size} px"  # 10.5 pt = 14 px

    page.goto("/inquiries/")
    expect(page.locator("form.filter-form")).to_be_hidden()
    row = page.locator("table.inquiry-table tbody tr").first
    expect(row).to_be_visible()
    assert row.evaluate("tr => getComputedStyle(tr).breakInside") == "avoid"
    header = page.locator("table.inquiry-table thead")
    assert header.evaluate("t => getComputedStyle(t).display") == "table-header-group"
    # The rows are a table on paper, not the cards of a phone's screen.
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"
