"""The list of inquiries: search, filters, sorting and pages, as the advisor uses them."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from borgerraadgiver.inquiries.models import Inquiry
from tests.browser.conftest import (
    anonymous_inquiry_in,
    at,
    case_numbers_in_list,
    follow,
    inquiry_in,
    result_count,
    screenshot,
)
from tests.factories import AreaFactory, DepartmentFactory, PersonFactory, ReasonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(org):
    """Four inquiries that differ in every way the list filters on."""
    return {
        "anders": inquiry_in(
            org.family,
            case_number="BR-2024-0007",
            person=PersonFactory(name="Anders Andersen"),
            received_date=datetime.date(2024, 3, 1),
            reasons=[org.no_answer],
            handling_type=org.advice,
        ),
        "birgit": inquiry_in(
            org.school,
            case_number="BR-2024-0012",
            person=PersonFactory(name="Birgit Berg"),
            received_date=datetime.date(2024, 4, 2),
            reasons=[org.involvement],
            handling_type=org.dialogue,
            status=Inquiry.Status.CLOSED,
            closed_date=datetime.date(2024, 5, 1),
        ),
        "carl": inquiry_in(
            org.jobcentre,
            case_number="BR-2023-0031",
            person=PersonFactory(name="Carl Clausen"),
            received_date=datetime.date(2023, 11, 10),
            reasons=[org.no_answer, org.decision],
            handling_type=org.forwarded,
        ),
        "anonymous": anonymous_inquiry_in(
            org.outside,
            case_number="BR-2023-0002",
            received_date=datetime.date(2023, 6, 1),
            reasons=[org.decision],
            handling_type=org.advice,
            referral_body=org.appeals_board,
        ),
    }


def cases(register, *names) -> set[str]:
    return {register[name].case_number for name in names}


def search(page: Page, term: str) -> None:
    page.locator("#id_q").fill(term)
    follow(page.locator("#id_q"), "Enter")


def apply_filter(page: Page, field: str, value: str) -> None:
    page.locator(f"#id_{field}").select_option(value)
    follow(page.locator("form.filter-form .button-group button[type=submit]"))


def test_list_shows_every_inquiry_newest_first(advisor_page: Page, register):
    page = advisor_page
    page.goto("/inquiries/")

    assert result_count(page) == 4
    assert case_numbers_in_list(page) == [
        "BR-2024-0012",
        "BR-2024-0007",
        "BR-2023-0031",
        "BR-2023-0002",
    ]
    anonymous_row = page.locator("table.inquiry-table tbody tr", has_text="BR-2023-0002")
    expect(anonymous_row.locator("td").nth(3)).to_have_text("Udenfor kompetence")
    screenshot(page, "list")


def test_search_by_person_name_and_by_case_number(advisor_page: Page, register):
    page = advisor_page
    page.goto("/inquiries/")

    search(page, "birgit")
    expect(page).to_have_url(re.compile(r"[?&]q=birgit\b"))
    assert result_count(page) == 1
    assert case_numbers_in_list(page) == ["BR-2024-0012"]
    expect(page.locator("#id_q")).to_have_value("birgit")
    screenshot(page, "list-search")

    search(page, "BR-2023-0031")
    assert case_numbers_in_list(page) == ["BR-2023-0031"]
    expect(page.locator("table.inquiry-table tbody tr")).to_contain_text("Carl Clausen")

    search(page, "2023")
    assert set(case_numbers_in_list(page)) == cases(register, "carl", "anonymous")

    search(page, "Ingen Sådan Person")
    assert result_count(page) == 0
    expect(page.locator("table.inquiry-table")).to_have_count(0)


def test_each_filter_narrows_the_list(advisor_page: Page, org, register):
    page = advisor_page
    filters = [
        ("year", "2023", {"carl", "anonymous"}),
        ("area", str(org.learning.pk), {"anders", "birgit"}),
        ("area", str(org.outside.pk), {"anonymous"}),  # an area without departments
        ("department", str(org.school.pk), {"birgit"}),
        ("reason", str(org.no_answer.pk), {"anders", "carl"}),
        ("handling", str(org.advice.pk), {"anders", "anonymous"}),
        ("status", "closed", {"birgit"}),
    ]
    wrong = []
    for field, value, expected in filters:
        page.goto("/inquiries/")
        apply_filter(page, field, value)
        shown = set(case_numbers_in_list(page))
        if shown != cases(register, *expected) or result_count(page) != len(expected):
            wrong.append(f"{field}={value}: shows {sorted(shown)}, count {result_count(page)}")
        # The form shows the filter that is on.
        expect(page.locator(f"#id_{field}")).to_have_value(value)
    assert not wrong, "filters that show the wrong inquiries:\n" + "\n".join(wrong)


def test_filters_combine_with_search_and_clear_again(advisor_page: Page, org, register):
    page = advisor_page
    page.goto("/inquiries/")
    page.locator("#id_area").select_option(str(org.learning.pk))
    page.locator("#id_status").select_option("open")
    follow(page.locator("form.filter-form .button-group button[type=submit]"))
    expect(page).to_have_url(re.compile(r"status=open"))
    assert case_numbers_in_list(page) == ["BR-2024-0007"]

    search(page, "Birgit")  # closed, so still filtered away
    assert result_count(page) == 0
    expect(page.locator("#id_area")).to_have_value(str(org.learning.pk))

    follow(page.locator("form.filter-form .button-group a"))
    expect(page).to_have_url(at("/inquiries/"))
    assert result_count(page) == 4
    expect(page.locator("#id_q")).to_have_value("")


def test_sort_by_clicking_a_column_header(advisor_page: Page, register):
    page = advisor_page
    page.goto("/inquiries/")
    header = page.locator("table.inquiry-table thead th").first
    expect(header).to_have_attribute("aria-sort", "none")

    follow(header.get_by_role("link"))
    expect(page).to_have_url(re.compile(r"sort=case"))
    assert case_numbers_in_list(page) == sorted(cases(register, *register))
    header = page.locator("table.inquiry-table thead th").first
    expect(header).to_have_attribute("aria-sort", "ascending")

    follow(header.get_by_role("link"))
    expect(page).to_have_url(re.compile(r"sort=-case"))
    assert case_numbers_in_list(page) == sorted(cases(register, *register), reverse=True)
    expect(page.locator("table.inquiry-table thead th").first).to_have_attribute(
        "aria-sort", "descending"
    )

    # Sorting keeps the search and filters.
    page.goto("/inquiries/?year=2024")
    follow(page.locator("table.inquiry-table thead th").first.get_by_role("link"))
    assert case_numbers_in_list(page) == ["BR-2024-0007", "BR-2024-0012"]
    expect(page.locator("#id_year")).to_have_value("2024")

    # Area sort: the areas' order (Læring, Beskæftigelse, outside competence).
    page.goto("/inquiries/")
    follow(page.locator("table.inquiry-table thead th").nth(3).get_by_role("link"))
    assert case_numbers_in_list(page) == [
        "BR-2024-0007",  # Læring · Børn og Familie
        "BR-2024-0012",  # Læring · Skole
        "BR-2023-0031",  # Beskæftigelse · Jobcenter
        "BR-2023-0002",  # Udenfor kompetence
    ]


def test_pages_through_a_long_list_keeping_the_search(advisor_page: Page, org, settings):
    settings.INQUIRY_LIST_PAGE_SIZE = 5
    page = advisor_page
    first = datetime.date(2024, 1, 1)
    for day in range(12):
        inquiry_in(
            org.family,
            person=PersonFactory(name=f"Side Prøvesen {day:02d}"),
            received_date=first + datetime.timedelta(days=day),
        )
    for day in range(3):
        inquiry_in(org.jobcentre, person=PersonFactory(name=f"Anden {day}"))

    page.goto("/inquiries/")
    assert result_count(page) == 15
    expect(page.locator("table.inquiry-table tbody tr")).to_have_count(5)

    search(page, "Prøvesen")
    assert result_count(page) == 12
    pagination = page.locator("nav.pagination")
    expect(pagination.locator(".pagination-status")).to_have_text(re.compile(r"1\D+3"))
    expect(pagination.locator("a[rel=prev]")).to_have_count(0)
    seen = [case_numbers_in_list(page)]

    follow(pagination.locator("a[rel=next]"))
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page).to_have_url(re.compile(r"q=Pr"))
    expect(page.locator("#id_q")).to_have_value("Prøvesen")
    seen.append(case_numbers_in_list(page))
    screenshot(page, "list-page-2")

    follow(page.locator("nav.pagination a[rel=next]"))
    expect(page.locator("table.inquiry-table tbody tr")).to_have_count(2)
    expect(page.locator("nav.pagination .pagination-status")).to_have_text(re.compile(r"3\D+3"))
    expect(page.locator("nav.pagination a[rel=next]")).to_have_count(0)
    seen.append(case_numbers_in_list(page))
    expect(page.locator("table.inquiry-table tbody")).not_to_contain_text("Anden")

    assert [len(numbers) for numbers in seen] == [5, 5, 2]
    every = [number for numbers in seen for number in numbers]
    assert len(set(every)) == 12
    # Newest first, across the pages.
    received = Inquiry.objects.in_bulk(every, field_name="case_number")
    dates = [received[number].received_date for number in every]
    assert dates == sorted(dates, reverse=True)

    follow(page.locator("nav.pagination a[rel=prev]"))
    expect(page).to_have_url(re.compile(r"page=2"))
    assert case_numbers_in_list(page) == seen[1]


def test_every_column_fits_a_desktop_without_scrolling_sideways(advisor_page: Page, org, make_sent):
    """Hedensted's own long words (2024): at 1,400 px the list's last column, the answer due,
    sat behind the table's sideways scroll."""
    area = AreaFactory(name="Social Omsorg", sort_order=3)
    department = DepartmentFactory(area=area, name="Rusmiddelcenter og Socialpsykiatri")
    inquiry_in(
        department,
        person=PersonFactory(name="Christiansen-Vestergaard"),
        summary="Forældre venter på afgørelse om kørsel til datterens specialklasse og skole",
        reasons=[ReasonFactory(name="Spørgsmål om sagsbehandlingsprocedure")],
        handling_type=org.forwarded,
    )
    anonymous_inquiry_in(
        AreaFactory(name="Kommunaldirektørens område", sort_order=4),
        reasons=[ReasonFactory(name="Spørgsmål om borgerrådgiverfunktionen")],
        handling_type=org.advice,
    )
    # The demo's 2024 page: an area of one long word beside the long reason above, and a long
    # word in a summary: 17 px too wide with a summary of a fixed 15rem and 1.2rem cells.
    anonymous_inquiry_in(
        AreaFactory(name="Borgerrådgiverfunktionen", sort_order=5),
        reasons=[ReasonFactory(name="Spørgsmål om sagsbehandlingsprocedure")],
        handling_type=org.forwarded,
        summary="Ønsker afklaring af sit jobafklaringsforløb",
        received_date=datetime.date(2024, 3, 4),
        status=Inquiry.Status.CLOSED,
        closed_date=datetime.date(2024, 3, 5),
    )
    make_sent(datetime.date(2024, 3, 6), department)  # an answer due: a date in the last column
    page = advisor_page
    for width in (1400, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/inquiries/")
        box, table = page.locator(".table--responsive-scroll").evaluate(
            "box => [box.clientWidth, box.querySelector('table').scrollWidth]"
        )
        assert table <= box, f"{width} px: the table is {table} px in a box of {box} px"
