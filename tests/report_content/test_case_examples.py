"""Case examples: marked on an inquiry, checked for personal data, approved by a second advisor,
kept apart from the inquiry. Every use of the inquiry is in the access log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.organisation.models import HandlingType, Office
from borgerraadgiver.report_content import services
from borgerraadgiver.report_content.models import CaseExample
from borgerraadgiver.report_content.selectors import case_example_check
from tests.factories import (
    AdvisorFactory,
    HandlingTypeFactory,
    InquiryFactory,
    PersonFactory,
    UserFactory,
)

CLEAN = "En borger spurgte til sagsbehandlingstiden og fik råd og vejledning."


@pytest.fixture
def inquiry(db):
    return InquiryFactory(
        person=PersonFactory(name="Søren Østergård"),
        received_date=datetime.date(2024, 5, 2),
        handling_type=HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE),
    )


def write(example, user, now, text=CLEAN, title="Manglende svar"):
    return services.case_example_update(
        example=example,
        user=user,
        now=now,
        title=title,
        text=text,
        period=example.period,
        area=example.area,
        handling_kind=example.handling_kind,
    )


def test_marking_copies_year_area_and_handling_and_is_logged(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    assert (example.year, example.area_name, example.handling_kind) == (
        2024,
        inquiry.area.name,
        "dialogue",
    )
    assert example.status == CaseExample.Status.CANDIDATE
    log = AccessLogEntry.objects.get(action="create")
    assert (log.inquiry_id, log.person_id, log.user) == (inquiry.pk, inquiry.person_id, advisor)


def test_marking_twice_gives_the_same_candidate(inquiry, advisor, now):
    first = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    assert services.case_example_mark(inquiry=inquiry, user=advisor, now=now) == first


def test_report_year_follows_the_offices_start_month(inquiry, advisor, now):
    office = Office.load()
    office.report_period_start_month = 6
    office.save()
    assert services.case_example_mark(inquiry=inquiry, user=advisor, now=now).year == 2023


def test_only_advisors_mark_examples(inquiry, now):
    with pytest.raises(PermissionDenied):
        services.case_example_mark(inquiry=inquiry, user=UserFactory(), now=now)


def test_personal_data_blocks_submission_until_rewritten(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now, text="Søren ringede fra 12 34 56 78, CPR 010190-1234.")
    check = case_example_check(example)
    assert [f.kind for f in check.open] == ["name", "phone", "cpr"]
    with pytest.raises(ValidationError, match="3 fund"):
        services.case_example_submit(example=example, user=advisor, now=now)
    write(example, advisor, now)
    services.case_example_submit(example=example, user=advisor, now=now)
    assert example.status == CaseExample.Status.AWAITING_APPROVAL


def test_names_of_who_gave_consent_are_looked_for_too(inquiry, advisor, now):
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=now,
        given_by="Mette Kjær",
        given_date=datetime.date(2024, 5, 3),
        method="phone",
    )
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now, text="Hendes mor, fru Kjær, ringede.")
    assert [(f.kind, f.value) for f in case_example_check(example).open] == [("name", "Kjær")]


def test_a_false_positive_is_dismissed_with_a_reason_and_logged(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now, text="Sagen varede fra 2023 2024 og blev afsluttet.")
    with pytest.raises(ValidationError):
        services.case_example_dismiss(
            example=example, user=advisor, now=now, kind="phone", value="2023 2024", reason=" "
        )
    services.case_example_dismiss(
        example=example,
        user=advisor,
        now=now,
        kind="phone",
        value="2023 2024",
        reason="To årstal, ikke et telefonnummer",
    )
    assert case_example_check(example).is_clean
    log = AccessLogEntry.objects.filter(action="change").latest("id")
    assert "To årstal" in log.detail and log.inquiry_id == inquiry.pk
    services.case_example_submit(example=example, user=advisor, now=now)


def test_a_finding_not_in_the_text_cannot_be_dismissed(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now)
    with pytest.raises(ValidationError, match="ikke længere"):
        services.case_example_dismiss(
            example=example, user=advisor, now=now, kind="cpr", value="0101901234", reason="x"
        )


def test_the_author_cannot_approve_but_another_advisor_can(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now)
    services.case_example_submit(example=example, user=advisor, now=now)
    with pytest.raises(ValidationError, match="En anden borgerrådgiver"):
        services.case_example_approve(example=example, user=advisor, now=now)
    colleague = AdvisorFactory()
    services.case_example_approve(example=example, user=colleague, now=now)
    example.refresh_from_db()
    assert (example.status, example.approved_by, example.approved_at) == (
        CaseExample.Status.APPROVED,
        colleague,
        now,
    )


def test_whoever_rewrote_it_cannot_approve_it_either(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    colleague = AdvisorFactory()
    write(example, colleague, now)
    services.case_example_submit(example=example, user=colleague, now=now)
    with pytest.raises(ValidationError):
        services.case_example_approve(example=example, user=colleague, now=now)


def test_a_change_after_approval_needs_a_new_approval(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now)
    services.case_example_submit(example=example, user=advisor, now=now)
    services.case_example_approve(example=example, user=AdvisorFactory(), now=now)
    write(example, advisor, now, text=CLEAN + " Sagen endte godt.")
    assert example.status == CaseExample.Status.CANDIDATE
    assert example.approved_by is None


def test_an_approved_example_survives_the_inquirys_deletion(inquiry, advisor, now):
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    write(example, advisor, now)
    services.case_example_submit(example=example, user=advisor, now=now)
    services.case_example_approve(example=example, user=AdvisorFactory(), now=now)
    area_name = inquiry.area.name
    inquiry.delete()
    example.refresh_from_db()
    assert example.inquiry is None
    assert (example.status, example.text, example.year, example.area_name) == (
        CaseExample.Status.APPROVED,
        CLEAN,
        2024,
        area_name,
    )


def test_examples_are_ordered_by_the_advisor(advisor, now):
    examples = []
    for _number in range(3):
        inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
        examples.append(services.case_example_mark(inquiry=inquiry, user=advisor, now=now))
    services.case_example_move(example=examples[2], user=advisor, up=True)
    order = list(CaseExample.objects.for_year(2024).in_report_order())
    assert order == [examples[0], examples[2], examples[1]]
