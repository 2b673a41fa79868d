"""The import page in a browser: upload, read the check, confirm; and no axe violation."""

import pytest
from django.urls import get_resolver
from django.utils import timezone
from playwright.sync_api import Page, expect

from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.jobs.progress import JobProgress
from tests.browser.conftest import TIMEOUT_MS, AxeAudit, follow, log_in, screenshot
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


def test_the_progress_bar_moves_and_the_result_appears_without_a_reload(
    administrator_page: Page, administrator
):
    """The job's page: an accessible progress bar that a script moves, then the result."""
    page = administrator_page
    audit = AxeAudit()
    job = Job.objects.create(
        owner=administrator,
        kind=Job.Kind.IMPORT_CHECK,
        status=Job.Status.RUNNING,
        language="da",
        parameters={"kind": "reasons", "name": "aarsager.csv", "replace": False, "token": ""},
        created_at=timezone.now(),
        started_at=timezone.now(),
    )
    progress = JobProgress(job.pk, interval=0)
    progress.phase("kontrollerer", 40_000)
    progress.advance(10_000)

    page.goto(f"/imports/jobs/{job.pk}/")
    bar = page.locator("progress#job-progress-bar")
    expect(bar).to_have_attribute("value", "25")
    expect(page.locator("#job-progress-text")).to_contain_text("10.000 af 40.000 rækker")
    screenshot(page, "job-progress")
    audit.check(page, "job-progress")

    progress.advance(20_000)
    expect(bar).to_have_js_property("value", 75)
    expect(page.locator("#job-progress-text")).to_contain_text("30.000 af 40.000 rækker")

    result = ImportResult(kind="reasons", file_name="aarsager.csv", dry_run=True, rows=3)
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, result=result.as_json(), finished_at=timezone.now()
    )
    expect(page.locator("h1")).to_contain_text("aarsager.csv")
    expect(page.locator("main button[type=submit].button-primary")).to_be_visible()
    audit.check(page, "job-done")
    audit.assert_clean()
