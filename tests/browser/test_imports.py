"""The import page in a browser: upload, read the check, confirm; and no axe violation."""

import pytest
from django.urls import get_resolver
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, follow, log_in
from tests.imports.conftest import csv_file, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def administrator_page(browser, live_server, administrator):
    get_resolver().url_patterns  # noqa: B018 - import every view before the first page
    context = browser.new_context(
        base_url=live_server.url,
        locale="da-DK",
        timezone_id="Europe/Copenhagen",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS * 4)
    log_in(context, administrator, live_server)
    yield context.new_page()
    context.close()


def test_a_file_is_checked_then_imported(administrator_page: Page, org, tmp_path):
    page = administrator_page
    audit = AxeAudit()
    bad = tmp_path / "fejl.csv"
    bad.write_bytes(csv_file([row(), row(department="Skolen"), row(channel="fax")]).getvalue())
    good = tmp_path / "historik.csv"
    good.write_bytes(csv_file([row(), row(received_date="2024-02-02")]).getvalue())

    page.goto("/imports/")
    audit.check(page, "imports")
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("#id_kind-group.form-error")).to_be_visible()
    audit.check(page, "imports-empty-form")

    page.locator("input[name=kind][value=inquiries]").check()
    page.locator("#id_file").set_input_files(str(bad))
    follow(page.locator("main button[type=submit]"))
    expect(page.locator("table.import-errors tbody tr")).to_have_count(2)
    expect(page.locator("table.import-errors")).to_contain_text("Skolen")
    audit.check(page, "imports-errors")
    assert Inquiry.objects.count() == 0

    page.goto("/imports/")
    page.locator("input[name=kind][value=inquiries]").check()
    page.locator("#id_file").set_input_files(str(good))
    follow(page.locator("main button[type=submit]"))
    audit.check(page, "imports-ready")
    assert Inquiry.objects.count() == 0
    follow(page.locator("main button[type=submit].button-primary"))
    expect(page.locator("main")).to_contain_text("historik.csv")
    assert Inquiry.objects.count() == 2
    audit.check(page, "imports-done")
    audit.assert_clean()
