"""Registering inquiries in a browser: by keyboard, with errors, repeat contacts, departments."""

import re

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Contact, Inquiry
from tests.browser.conftest import (
    DETAIL_URL,
    at,
    case_numbers_in_list,
    focused_id,
    follow,
    inquiry_in,
    result_count,
    screenshot,
    tab_to,
)
from tests.factories import ContactFactory, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_list_count(page: Page) -> int:
    page.goto("/inquiries/")
    return result_count(page)


def field_group(page: Page, field_id: str):
    """The design system's .form-group around one field: where its label, hint and error live."""
    return page.locator(f"#{field_id}-group")


def field_errors(page: Page) -> dict[str, str]:
    """The fields marked in error on the page, by name, with the message next to each."""
    return dict(
        page.locator(".form-group.form-error").evaluate_all(
            """groups => groups.map(group => [
                group.querySelector('[name]')?.name ?? '?',
                group.querySelector('.form-error-message')?.textContent.trim() ?? '',
            ])"""
        )
    )


def choose_reasons(page: Page, *reasons) -> None:
    for reason in reasons:
        page.locator(f"input[name=reasons][value='{reason.pk}']").check()


def choose_other_departments(page: Page, *departments) -> None:
    details = page.locator("details:has(input[name=other_departments])")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    for department in departments:
        page.locator(f"input[name=other_departments][value='d{department.pk}']").check()


def choose_registration(page: Page, value: str) -> None:
    """Pick how to register, in whatever control the page offers: radio buttons or a select."""
    control = page.locator(f"input[name=registration][value='{value}']")
    if control.count():
        control.check()
    else:
        page.locator("select[name=registration]").select_option(value)


def registration_choices(page: Page) -> dict[str, str]:
    """The offered ways to register, value to the text the advisor reads."""
    radios = page.locator("input[name=registration]")
    if radios.count():
        return {
            radio.get_attribute("value"): page.locator(
                f"label[for='{radio.get_attribute('id')}']"
            ).inner_text()
            for radio in radios.all()
        }
    options = page.locator("select[name=registration] option")
    return {option.get_attribute("value"): option.inner_text() for option in options.all()}


def test_advisor_registers_an_inquiry_with_the_keyboard_only(advisor_page: Page, org):
    page = advisor_page
    page.goto("/inquiries/new/")

    # The skip link takes a keyboard user past the header, straight to the form.
    page.keyboard.press("Tab")
    expect(page.locator("a.skipnav")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_complainant_kind"
    expect(page.locator("#id_complainant_kind")).to_have_value("citizen")

    page.keyboard.press("Tab")
    assert focused_id(page) == "id_person_name"
    page.keyboard.type("Karen Tastesen")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_person_phone"
    page.keyboard.type("87 65 43 21")

    # Channel: the select is closed; the arrow key changes its value.
    tab_to(page, "#id_channel")
    expect(page.locator("#id_channel")).to_have_value("phone")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_channel")).to_have_value("email")

    # Department: the first choice under the first area (the area is an optgroup label).
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_department"
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_department")).to_have_value(f"d{org.family.pk}")

    page.keyboard.press("Tab")
    assert focused_id(page) == "id_handling_type"
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_handling_type")).to_have_value(str(org.advice.pk))

    # Other departments are folded away and optional: pass by. Reasons: checkboxes, Space.
    tab_to(page, "input[name=reasons]")
    expect(page.locator("input[name=reasons]").first).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(f"input[name=reasons][value='{org.no_answer.pk}']")).to_be_checked()

    # The first counted action, checked with the space bar.
    tab_to(page, "input[name=actions]")
    expect(page.locator("input[name=actions]").first).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator(f"input[name=actions][value='{org.meeting.pk}']")).to_be_checked()

    tab_to(page, "#id_summary")
    page.keyboard.type("Har ikke fået svar på sin ansøgning om aflastning.")
    page.keyboard.press("Tab")
    expect(page.locator("main form button.button-primary[type=submit]")).to_be_focused()
    screenshot(page, "register-filled-by-keyboard")
    page.keyboard.press("Enter")

    expect(page).to_have_url(DETAIL_URL)
    inquiry = Inquiry.objects.get()
    expect(page).to_have_url(at(f"/inquiries/{inquiry.pk}/"))
    expect(page.locator(".alert-success")).to_contain_text(inquiry.case_number)
    expect(page.locator("h1")).to_contain_text(inquiry.case_number)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Karen Tastesen")
    expect(facts).to_contain_text("87 65 43 21")
    expect(facts).to_contain_text("Læring · Børn og Familie")
    expect(facts).to_contain_text("Manglende svar")
    expect(facts).to_contain_text("Råd og vejledning")
    expect(page.locator("p.summary")).to_have_text(
        "Har ikke fået svar på sin ansøgning om aflastning."
    )
    # The timeline: the first contact, and the counted action.
    expect(page.locator("ol.timeline .timeline-contact")).to_have_count(1)
    expect(page.locator("ol.timeline .timeline-action")).to_have_text(re.compile(org.meeting.name))
    screenshot(page, "detail-after-registration")

    page.locator("nav.nav a[href='/inquiries/']").click()
    expect(page).to_have_url(at("/inquiries/"))
    assert result_count(page) == 1
    row = page.locator("table.inquiry-table tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(inquiry.case_number)
    expect(row).to_contain_text("Karen Tastesen")
    expect(row).to_contain_text("Læring · Børn og Familie")


def test_failed_registration_keeps_what_was_typed_and_marks_the_field(advisor_page: Page, org):
    page = advisor_page
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Ole Glemsom")
    page.locator("#id_department").select_option(f"d{org.school.pk}")
    page.locator("#id_handling_type").select_option(str(org.advice.pk))
    page.locator("#id_summary").fill("Ringede om skolebussen.")
    # No reason chosen.
    page.locator("main form button.button-primary[type=submit]").click()

    expect(page).to_have_url(at("/inquiries/new/"))
    expect(page.locator("main .alert-error[role=alert]")).to_be_visible()
    reasons = field_group(page, "id_reasons")
    expect(reasons).to_have_class(re.compile(r"\bform-error\b"))
    message = reasons.locator(".form-error-message")
    expect(message).to_be_visible()
    expect(message).to_have_attribute("id", "id_reasons-error")
    expect(message).not_to_be_empty()
    fieldset = reasons.locator("fieldset")
    expect(fieldset).to_have_attribute("aria-describedby", re.compile(r"\bid_reasons-error\b"))
    expect(reasons.locator("input[name=reasons]").first).to_have_attribute("aria-invalid", "true")
    # The summary at the top links to the field.
    expect(page.locator(".error-summary a[href='#id_reasons-group']")).to_be_visible()
    # Only the field at fault is marked.
    expect(page.locator(".form-group.form-error")).to_have_count(1)

    expect(page.locator("#id_person_name")).to_have_value("Ole Glemsom")
    expect(page.locator("#id_summary")).to_have_value("Ringede om skolebussen.")
    expect(page.locator("#id_department")).to_have_value(f"d{org.school.pk}")
    expect(page.locator("#id_handling_type")).to_have_value(str(org.advice.pk))
    screenshot(page, "register-with-errors")
    assert not Inquiry.objects.exists()


def test_same_department_chosen_twice_is_marked_next_to_the_department_fields(
    advisor_page: Page, org
):
    """The summary at the top says 'correct what is marked below': so something must be."""
    page = advisor_page
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Dorte Dobbelt")
    page.locator("#id_department").select_option(f"d{org.school.pk}")
    choose_other_departments(page, org.school)
    choose_reasons(page, org.no_answer)
    page.locator("#id_handling_type").select_option(str(org.advice.pk))
    follow(page.locator("main form button.button-primary[type=submit]"))

    expect(page.locator("main .alert-error[role=alert]")).to_be_visible()
    marked = field_errors(page)
    assert {"department", "other_departments"} & set(marked), (
        f"no department field is marked; marked: {marked}; the top of the form says: "
        f"{page.locator('main .alert-error').inner_text()!r}"
    )
    expect(page.locator("#id_person_name")).to_have_value("Dorte Dobbelt")
    assert not Inquiry.objects.exists()


@pytest.fixture
def open_inquiry(org):
    person = PersonFactory(name="Mette Gentagen", phone="11 22 33 44")
    inquiry = inquiry_in(org.family, person=person, reasons=[org.no_answer])
    ContactFactory(inquiry=inquiry, note="Første opkald")
    return inquiry


def test_repeat_contact_on_the_same_subject_is_added_to_the_open_inquiry(
    advisor_page: Page, org, open_inquiry
):
    page = advisor_page
    count_before = open_list_count(page)
    assert count_before == 1

    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Mette Gentagen")
    follow(page.locator("button[name=find_person]"))

    matches = page.locator("section.matches")
    expect(matches).to_be_visible()
    screenshot(page, "register-with-matches")
    choices = registration_choices(page)
    assert set(choices) == {
        "new",
        f"person-{open_inquiry.person_id}",
        f"inquiry-{open_inquiry.pk}",
    }
    assert open_inquiry.case_number in choices[f"inquiry-{open_inquiry.pk}"]
    assert "Mette Gentagen" in choices[f"inquiry-{open_inquiry.pk}"]
    expect(page.locator("#id_person_name")).to_have_value("Mette Gentagen")

    # The advisor says it is the same subject, notes what was said, and registers.
    choose_registration(page, f"inquiry-{open_inquiry.pk}")
    page.locator("#id_channel").select_option("email")
    page.locator("#id_summary").fill("Skriver igen: stadig intet svar.")
    follow(page.locator("main form button.button-primary[type=submit]"))

    # Only the choice and the contact's own fields matter; the rest describe a new inquiry.
    assert at(f"/inquiries/{open_inquiry.pk}/").search(page.url), (
        f"the repeat contact was refused ({page.url}); fields marked as errors: "
        f"{field_errors(page)}"
    )
    expect(page.locator(".alert-success")).to_contain_text(open_inquiry.case_number)
    entries = page.locator("ol.timeline .timeline-contact")
    expect(entries).to_have_count(2)
    expect(entries.last).to_contain_text("Skriver igen: stadig intet svar.")
    assert Contact.objects.filter(inquiry=open_inquiry).count() == 2

    assert open_list_count(page) == count_before
    assert Inquiry.objects.count() == 1


def test_open_inquiries_are_offered_as_a_radio_group(advisor_page: Page, org, open_inquiry):
    """Each choice is a sentence naming the case, the place and the date: radio buttons, not a
    drop-down, so that every choice is visible at once and read out by a screen reader."""
    page = advisor_page
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Mette Gentagen")
    follow(page.locator("button[name=find_person]"))

    expect(page.locator("section.matches")).to_be_visible()
    group = page.locator("section.matches fieldset")
    radios = group.get_by_role("radio").count()
    controls = page.locator("section.matches [name=registration]").evaluate_all(
        "els => els.map(el => el.tagName.toLowerCase() + (el.type ? '[' + el.type + ']' : ''))"
    )
    assert radios == 3, f"the choices are offered as {controls}, not as 3 radio buttons"
    expect(group.locator("legend")).not_to_be_empty()


def test_finding_the_person_does_not_mark_unfilled_fields_as_errors(
    advisor_page: Page, org, open_inquiry
):
    """The lookup is a step on the way, not a submit: nothing is wrong with the form yet."""
    page = advisor_page
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Mette Gentagen")
    follow(page.locator("button[name=find_person]"))

    expect(page.locator("section.matches")).to_be_visible()
    assert field_errors(page) == {}
    assert page.locator("main .alert-error").count() == 0
    assert page.locator("[aria-invalid=true]").count() == 0


def test_registering_a_known_name_directly_first_shows_the_open_inquiries(
    advisor_page: Page, org, open_inquiry
):
    page = advisor_page
    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Mette Gentagen")
    page.locator("#id_department").select_option(f"d{org.family.pk}")
    choose_reasons(page, org.no_answer)
    page.locator("#id_handling_type").select_option(str(org.advice.pk))
    page.locator("main form button.button-primary[type=submit]").click()

    # Not registered yet: the advisor must first decide between a new inquiry and a contact.
    expect(page.locator("section.matches")).to_be_visible()
    expect(page.locator("main .alert-info, main .alert[role=status]").first).to_be_visible()
    assert Inquiry.objects.count() == 1

    choose_registration(page, f"person-{open_inquiry.person_id}")
    page.locator("main form button.button-primary[type=submit]").click()

    expect(page).to_have_url(DETAIL_URL)
    assert Inquiry.objects.count() == 2
    new = Inquiry.objects.exclude(pk=open_inquiry.pk).get()
    assert new.person_id == open_inquiry.person_id
    assert open_list_count(page) == 2


def test_contact_about_two_departments_registers_two_linked_inquiries(advisor_page: Page, org):
    page = advisor_page
    inquiry_in(org.school)  # someone else's, so that the count starts above zero
    count_before = open_list_count(page)

    page.goto("/inquiries/new/")
    page.locator("#id_person_name").fill("Jens Todelt")
    page.locator("#id_department").select_option(f"d{org.family.pk}")
    choose_other_departments(page, org.jobcentre)
    choose_reasons(page, org.no_answer, org.involvement)
    page.locator("#id_handling_type").select_option(str(org.dialogue.pk))
    page.locator("#id_summary").fill("Familien og jobcentret taler ikke sammen.")
    page.locator("main form button.button-primary[type=submit]").click()

    expect(page).to_have_url(DETAIL_URL)
    family, jobcentre = (
        Inquiry.objects.get(person__name="Jens Todelt", department=org.family),
        Inquiry.objects.get(person__name="Jens Todelt", department=org.jobcentre),
    )
    assert family.registration_group is not None
    assert family.registration_group == jobcentre.registration_group
    expect(page).to_have_url(at(f"/inquiries/{family.pk}/"))
    success = page.locator(".alert-success")
    expect(success).to_contain_text(family.case_number)
    expect(success).to_contain_text(jobcentre.case_number)
    screenshot(page, "detail-registered-together")

    # Each lists the other under "registered together"; follow the link there and back.
    link = page.locator(f"main li a[href='/inquiries/{jobcentre.pk}/']")
    expect(link).to_have_text(jobcentre.case_number)
    item = page.locator("main li", has=page.locator(f"a[href='/inquiries/{jobcentre.pk}/']"))
    expect(item).to_contain_text("Beskæftigelse · Jobcenter")
    link.click()
    expect(page).to_have_url(at(f"/inquiries/{jobcentre.pk}/"))
    expect(page.locator("dl.facts")).to_contain_text("Beskæftigelse · Jobcenter")
    back = page.locator(f"main li a[href='/inquiries/{family.pk}/']")
    expect(back).to_have_text(family.case_number)

    assert open_list_count(page) == count_before + 2
    numbers = case_numbers_in_list(page)
    assert family.case_number in numbers
    assert jobcentre.case_number in numbers
