"""WCAG 2.1 A and AA, as axe-core checks them, on every page and in every state a form can be in.

Each test audits one page in all its states and fails once, listing every violation found.
"""

import datetime

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import AxeAudit, follow, inquiry_in
from tests.factories import ContactFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def inquiries(org, advisor):
    """An open inquiry with a history (a repeat contact, a linked sibling), and others."""
    person = PersonFactory(name="Mette Gentagen", phone="11 22 33 44")
    group = "0b7c0d8e-2f6a-4d1b-9a55-0d7c3c1f4a21"
    main = inquiry_in(
        org.family,
        person=person,
        reasons=[org.no_answer, org.involvement],
        handling_type=org.dialogue,
        advisor=advisor,
        registration_group=group,
        received_date=datetime.date(2024, 3, 1),
        summary="Har ikke fået svar på ansøgning om aflastning.\nRinger igen i næste uge.",
    )
    ContactFactory(inquiry=main, note="Første opkald")
    ContactFactory(inquiry=main, contact_date=datetime.date(2024, 3, 8), note="Ringede igen")
    inquiry_in(org.jobcentre, person=person, registration_group=group)
    inquiry_in(
        org.school,
        case_number="BR-2024-0099",
        status=Inquiry.Status.CLOSED,
        closed_date=datetime.date(2024, 4, 1),
    )
    return main


def test_login_page(page: Page, advisor):
    audit = AxeAudit()
    page.goto("/accounts/login/")
    audit.check(page, "login")

    page.locator("#id_username").fill("advisor")
    page.locator("#id_password").fill("wrong")
    follow(page.locator("#id_password"), "Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check(page, "login-wrong-password")
    audit.assert_clean()


def test_inquiry_list(advisor_page: Page, inquiries, settings):
    settings.INQUIRY_LIST_PAGE_SIZE = 2  # so that the pagination is on the page too
    page = advisor_page
    audit = AxeAudit()
    page.goto("/inquiries/?sort=case")
    expect(page.locator("table.inquiry-table tbody tr")).to_have_count(2)
    expect(page.locator("nav.pagination")).to_be_visible()
    audit.check(page, "list")

    page.goto("/inquiries/?q=ingen+s%C3%A5dan")
    expect(page.locator("table.inquiry-table")).to_have_count(0)
    audit.check(page, "list-no-results")
    audit.assert_clean()


def test_register_page(advisor_page: Page, org, inquiries):
    page = advisor_page
    audit = AxeAudit()
    page.goto("/inquiries/new/")
    audit.check(page, "register")

    page.locator("#id_person_name").fill("Ole Glemsom")
    page.locator("#id_summary").fill("Ringede om skolebussen.")
    follow(page.locator("main form button.button-primary[type=submit]"))
    expect(page.locator(".form-group.form-error").first).to_be_visible()
    audit.check(page, "register-errors")

    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Mette Gentagen")
    follow(page.locator("button[name=find_person]"))
    expect(page.locator("section.matches")).to_be_visible()
    audit.check(page, "register-matches")
    audit.assert_clean()


def test_detail_page(advisor_page: Page, inquiries):
    page = advisor_page
    audit = AxeAudit()
    page.goto(f"/inquiries/{inquiries.pk}/")
    expect(page.locator("ol.timeline li")).to_have_count(2)
    audit.check(page, "detail")

    page.locator("#id_contact_date").fill("2020-01-01")  # before the inquiry was received
    follow(page.locator("form.contact-form button[type=submit]"))
    expect(page.locator("form.contact-form .form-error").first).to_be_visible()
    audit.check(page, "detail-contact-error")

    closed = Inquiry.objects.get(case_number="BR-2024-0099")
    page.goto(f"/inquiries/{closed.pk}/")
    expect(page.locator("h1")).to_contain_text(closed.case_number)
    audit.check(page, "detail-closed")
    audit.assert_clean()


def test_edit_page(advisor_page: Page, inquiries):
    page = advisor_page
    audit = AxeAudit()
    page.goto(f"/inquiries/{inquiries.pk}/edit/")
    audit.check(page, "edit")

    page.locator("#id_status").select_option("closed")  # without the date it closed
    follow(page.locator("main form button.button-primary[type=submit]"))
    expect(page.locator(".form-group.form-error")).to_be_visible()
    audit.check(page, "edit-errors")
    audit.assert_clean()


def test_accessibility_statement_at_desktop_width_and_on_a_phone(page: Page, db):
    audit = AxeAudit()
    page.goto("/accessibility/")
    audit.check(page, "accessibility-statement")
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/contact/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    audit.check(page, "contact-form-320px")
    page.goto("/accessibility/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    audit.assert_clean()
