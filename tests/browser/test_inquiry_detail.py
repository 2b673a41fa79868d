"""The inquiry's page: adding a contact to its timeline, and editing it."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import at, follow, inquiry_in, result_count, screenshot
from tests.factories import ContactFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECEIVED = datetime.date(2024, 3, 1)


@pytest.fixture
def inquiry(org, advisor):
    inquiry = inquiry_in(
        org.family,
        person=PersonFactory(name="Mette Gentagen"),
        received_date=RECEIVED,
        reasons=[org.no_answer],
        handling_type=org.advice,
        advisor=advisor,
    )
    ContactFactory(inquiry=inquiry, note="Første opkald")
    return inquiry


def test_contact_added_on_the_page_joins_the_timeline_and_is_no_new_inquiry(
    advisor_page: Page, inquiry
):
    page = advisor_page
    page.goto("/inquiries/")
    assert result_count(page) == 1

    page.goto(f"/inquiries/{inquiry.pk}/")
    expect(page.locator("ol.timeline .timeline-contact")).to_have_count(1)
    form = page.locator("form.contact-form")
    form.locator("#id_contact_date").fill("2024-03-15")
    form.locator("#id_kind").select_option("meeting")
    form.locator("#id_note").fill("Møde med familien og afdelingslederen.")
    follow(form.locator("button[type=submit]"))

    expect(page).to_have_url(at(f"/inquiries/{inquiry.pk}/"))
    expect(page.locator("main .alert-success")).to_be_visible()
    entries = page.locator("ol.timeline .timeline-contact")
    expect(entries).to_have_count(2)
    expect(entries.last).to_contain_text("Møde med familien og afdelingslederen.")
    expect(entries.last.locator("time")).to_have_attribute("datetime", "2024-03-15")
    screenshot(page, "detail-contact-added")

    page.goto("/inquiries/")
    assert result_count(page) == 1


def test_contact_dated_before_the_inquiry_is_refused_next_to_the_date(advisor_page: Page, inquiry):
    page = advisor_page
    page.goto(f"/inquiries/{inquiry.pk}/")
    form = page.locator("form.contact-form")
    form.locator("#id_contact_date").fill("2024-02-01")
    form.locator("#id_note").fill("Skrevet før tid")
    follow(form.locator("button[type=submit]"))

    group = page.locator("form.contact-form .form-group:has(#id_contact_date)")
    expect(group).to_have_class(re.compile(r"\bform-error\b"))
    expect(group.locator(".form-error-message")).not_to_be_empty()
    expect(page.locator("#id_contact_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_note")).to_have_value("Skrevet før tid")
    expect(page.locator("ol.timeline .timeline-contact")).to_have_count(1)


def test_advisor_closes_an_inquiry_and_the_change_is_recorded(advisor_page: Page, org, inquiry):
    page = advisor_page
    page.goto(f"/inquiries/{inquiry.pk}/")
    follow(page.locator(f"main a[href='/inquiries/{inquiry.pk}/edit/']"))
    expect(page.locator("#id_department")).to_have_value(f"d{org.family.pk}")
    expect(page.locator("#id_summary")).to_have_value(inquiry.summary)

    page.locator("#id_status").select_option("closed")
    page.locator("#id_closed_date").fill("2024-04-02")
    page.locator("#id_handling_type").select_option(str(org.dialogue.pk))
    follow(page.locator("main form button.button-primary[type=submit]"))

    expect(page).to_have_url(at(f"/inquiries/{inquiry.pk}/"))
    expect(page.locator("main .alert-success")).to_be_visible()
    facts = page.locator("dl.facts")
    # The status with the date it closed (2 April 2024), in whatever date format the language has.
    expect(facts.locator("dd").first).to_have_text(re.compile(r"\b2\b.*2024"))
    expect(facts).to_contain_text("Dialogsag")
    changes = page.locator("main table tbody tr")
    expect(changes).to_have_count(3)  # status, closing date and handling
    expect(page.locator("main table")).to_contain_text("Råd og vejledning")
    # A closed inquiry takes no more contacts until it is reopened.
    expect(page.locator("form.contact-form")).to_have_count(0)
    screenshot(page, "detail-closed")

    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.CLOSED
    assert inquiry.closed_date == datetime.date(2024, 4, 2)

    page.goto("/inquiries/?status=closed")
    assert result_count(page) == 1
