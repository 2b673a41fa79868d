"""History imports as the app itself would have kept it (issue 11): rows the app's own pages
allow are imported, by the same rules; what is only unusual is a warning, not a refusal."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from borgerraadgiver.imports.services import import_run
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.inquiries.services.rules import check_inquiry_fields
from borgerraadgiver.organisation.models import Area, Department, ReferralBody
from tests.imports.conftest import HEADER, csv_file, row

D = datetime.date
DATE = re.compile(r"\d[\d./-]+\d")
NOW = datetime.datetime(2024, 6, 14, 10, 30, tzinfo=datetime.UTC)


def run(rows, *, header=HEADER, dry_run=False):
    return import_run(
        kind="inquiries",
        file=csv_file(rows, header=header),
        file_name="historik.csv",
        user=None,
        now=NOW,
        dry_run=dry_run,
    )


def with_referral(values: list[str], referred_to: str) -> list[str]:
    return [*values, referred_to]


@pytest.fixture
def director(org):
    return Area.objects.create(name="Kommunaldirektørens område", sort_order=25)


@pytest.fixture
def ankestyrelsen(db):
    return ReferralBody.objects.create(name="Ankestyrelsen")


def test_an_answer_that_came_after_the_advisor_closed_the_inquiry_is_imported(org):
    # A forwarded complaint is closed once sent; the department's copy comes later.
    result = run(
        [
            row(
                handling="Oversendelsessag",
                forwarded_date="2024-03-05",
                closed_date="2024-03-05",
                answered_date="2024-03-20",
            )
        ]
    )
    assert result.errors == []
    forwarding = Inquiry.objects.get().forwardings.get()
    assert (forwarding.answered_date, forwarding.inquiry.closed_date) == (
        D(2024, 3, 20),
        D(2024, 3, 5),
    )


def test_a_forwarding_to_the_management_of_an_area_without_departments_is_imported(org, director):
    result = run(
        [
            row(
                area=director.name,
                department="",
                handling="Oversendelsessag",
                forwarded_date="2024-03-05",
            )
        ]
    )
    assert result.errors == []
    forwarding = Inquiry.objects.get().forwardings.get()
    assert (forwarding.area, forwarding.department) == (director, None)
    assert Inquiry.objects.get().forwarded_as == "forwarded"


def test_the_referral_body_is_imported_and_checked_against_the_list(org, ankestyrelsen):
    header = [*HEADER, "referred_to"]
    outside = {"area": "Udenfor kompetence", "department": ""}
    good = with_referral(row(**outside), "Ankestyrelsen")
    assert run([good], header=header).errors == []
    assert Inquiry.objects.get().referral_body == ankestyrelsen

    for values, wrong in (
        (with_referral(row(**outside), "Ombudsmanden"), "is not a referral body"),
        (with_referral(row(**outside), ""), "Say where the citizen was referred"),
        (with_referral(row(), "Ankestyrelsen"), "Only an inquiry outside competence"),
    ):
        result = run([values], header=header, dry_run=True)
        assert [(e.row, e.column) for e in result.errors] == [(2, "referred_to")]
        assert wrong in result.errors[0].message


def test_unusual_rows_are_warnings_in_the_dry_run_and_are_imported(org):
    rows = [
        row(handling="Oversendelsessag"),  # forwarded complaint without a forwarded date
        row(area="Udenfor kompetence", department=""),  # no referred_to column in the file
    ]
    checked = run(rows, dry_run=True)
    assert checked.errors == []
    assert [(w.row, w.column) for w in checked.warnings] == [(2, "forwarded_date"), (3, "area")]
    assert "forwarding figures will not count it" in checked.warnings[0].message
    assert run(rows).errors == []
    assert Inquiry.objects.count() == 2


def test_the_import_and_the_registration_page_refuse_a_placement_by_the_same_rule(org):
    # Familieafdelingen closed at the end of 2023.
    family = Department.objects.get(name="Familieafdelingen")
    result = run([row(department="Familieafdelingen", received_date="2024-03-01")], dry_run=True)
    with pytest.raises(ValidationError) as page:
        check_inquiry_fields(
            today=D(2024, 6, 14),
            received_date=D(2024, 3, 1),
            complainant_kind="citizen",
            has_person=True,
            placements=[Placement(area=family.area, department=family)],
            reasons=list(org["reasons"].values()),
            referral_body=None,
            channel="phone",
        )
    # The same sentence, the date written as the file writes it or as the page does.
    imported, shown = result.errors[0].message, page.value.message_dict["department"][0]
    assert "2024-03-01" in imported
    assert DATE.sub("…", imported) == DATE.sub("…", shown)
