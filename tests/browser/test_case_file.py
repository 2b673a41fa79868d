"""The inquiry's documents, internal notes, follow-up date and print view, driven in Chromium."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from borgerraadgiver.audit.models import AccessLogEntry
from tests.browser.conftest import AxeAudit, at, follow, inquiry_in, screenshot
from tests.factories import ContactFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inquiry(org, advisor):
    inquiry = inquiry_in(
        org.family,
        person=PersonFactory(name="Mette Dokumentsen"),
        received_date=timezone.localdate() - datetime.timedelta(days=3),
        reasons=[org.no_answer],
        handling_type=org.advice,
        advisor=advisor,
    )
    ContactFactory(inquiry=inquiry, note="Første opkald")
    return inquiry


def test_document_note_follow_up_and_print_view(advisor_page: Page, inquiry, tmp_path: Path):
    page = advisor_page
    audit = AxeAudit()
    detail = f"/inquiries/{inquiry.pk}/"
    page.goto(detail)

    # A document: first a file that is no PDF, refused next to the field, then a real one.
    fake = tmp_path / "afgørelse.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    page.locator("#document-add summary").click()
    page.locator("#id_document-title").fill("Afgørelse fra Jobcentret")
    page.locator("#id_document-attachments").set_input_files(str(fake))
    follow(page.locator("form.document-form button[type=submit]"))
    expect(page.locator("#id_document-attachments-error")).to_contain_text("afgørelse.pdf")
    expect(page.locator("#id_document-title")).to_have_value("Afgørelse fra Jobcentret")
    audit.check(page, "document-refused")
    real = tmp_path / "afgørelse.pdf"
    real.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    page.locator("#id_document-attachments").set_input_files(str(real))
    follow(page.locator("form.document-form button[type=submit]"))
    expect(page).to_have_url(at(detail))
    expect(page.locator(".document-list")).to_contain_text("Afgørelse fra Jobcentret")
    with page.expect_download() as download:
        page.locator(".document-files a").click()
    assert download.value.suggested_filename == "afgørelse.pdf"

    # An internal note joins the timeline.
    page.locator("#id_note-text").fill("Borgeren ringer igen fredag.")
    follow(page.locator("form.note-form button[type=submit]"))
    expect(page.locator("ol.timeline .timeline-note")).to_contain_text("Borgeren ringer igen")

    # The follow-up date: today's puts the case on the front page, under "Genoptag i dag".
    page.locator("#id_follow_up-follow_up_date").fill(timezone.localdate().isoformat())
    follow(page.locator("form.follow-up-form button[type=submit]"))
    expect(page.locator("#follow-up-date")).to_be_visible()
    audit.check(page, "inquiry-with-document-note-follow-up")
    screenshot(page, "case-file-detail")
    follow(page.locator("nav a[href='/']"))
    resume = page.locator("section[aria-labelledby=resume-heading]")
    expect(resume).to_contain_text(inquiry.case_number)
    audit.check(page, "front-page-resume-today")

    # The print view: the whole case, nothing to click but the way back.
    page.goto(detail)
    follow(page.locator("#print-link"))
    expect(page).to_have_url(at(f"/inquiries/{inquiry.pk}/print/"))
    expect(page.locator("main")).to_contain_text("Borgeren ringer igen fredag.")
    expect(page.locator("main")).to_contain_text("Afgørelse fra Jobcentret")
    expect(page.locator("form, button, nav")).to_have_count(0)
    audit.check(page, "print-view")
    assert AccessLogEntry.objects.filter(event="inquiry_printed", inquiry_id=inquiry.pk).exists()
    audit.assert_clean()
