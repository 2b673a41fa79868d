"""The activity pages in a browser: registered from the keyboard alone, and no axe violation."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.organisation.models import ActivityKind
from tests.browser.conftest import AxeAudit, follow
from tests.factories import DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_registering_editing_and_deleting_an_activity(advisor_page: Page, advisor):
    page = advisor_page
    audit = AxeAudit()
    ActivityKind.objects.create(name="Oplæg", sort_order=1)
    ActivityKind.objects.create(name="Sparring med medarbejdere", sort_order=2)
    DepartmentFactory(name="Jobcenter")
    year = datetime.date.today().year

    page.goto("/activities/")
    audit.check(page, "activities-empty")
    follow(page.locator("a.button-primary[href='/activities/new/']"))
    audit.check(page, "activity-new")

    # A form sent without a kind names the field, and keeps the note.
    page.locator("#id_note").fill("Om god sagsbehandling")
    follow(page.locator("main button[type=submit].button-primary"))
    expect(page.locator("#id_kind-group.form-error")).to_be_visible()
    expect(page.locator("#id_note")).to_have_value("Om god sagsbehandling")
    audit.check(page, "activity-new-errors")

    # From the keyboard: choose the kind; with neither department nor audience the audience
    # is asked for.
    page.locator("#id_kind").focus()
    page.keyboard.press("ArrowDown")
    follow(page.locator("#id_activity_date"), "Enter")
    expect(page.locator("#id_audience-group.form-error")).to_be_visible()
    audit.check(page, "activity-new-no-audience")
    page.locator("#id_audience").focus()
    page.keyboard.type("Ledergruppen")
    follow(page.locator("#id_audience"), "Enter")
    expect(page.locator("table.activity-table tbody tr")).to_have_count(1)
    expect(page.locator("table.activity-counts")).to_contain_text("Oplæg")
    audit.check(page, "activities-one")
    activity = Activity.objects.get()
    assert (activity.audience, activity.activity_date.year) == ("Ledergruppen", year)

    follow(page.locator(f"a[href='/activities/{activity.pk}/edit/']"))
    audit.check(page, "activity-edit")
    page.locator("#id_audience").fill("Direktionen")
    follow(page.locator("main button[type=submit].button-primary"))
    expect(page.locator("table.activity-table")).to_contain_text("Direktionen")

    follow(page.locator(f"a[href='/activities/{activity.pk}/delete/']"))
    audit.check(page, "activity-delete")
    follow(page.locator("main button[type=submit].button-primary"))
    expect(page.locator("table.activity-table")).to_have_count(0)
    assert not Activity.objects.exists()
    audit.assert_clean()
