"""Forwarding and handling are one fact (issue 11): what the advisor does is what the report counts.

Each test walks a path of real casework through the services and reads the report's figures
(the JSON contract every output is made from) after each step.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.consents import (
    consent_in_force,
    consent_record,
    consent_refusal_record,
)
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import (
    forwarding_answer,
    forwarding_draft,
    forwarding_follow_up,
    forwarding_kind_change,
    forwarding_send,
)
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.inquiries.services import (
    PersonData,
    Placement,
    inquiry_action_add,
    inquiry_close,
    inquiry_register,
    inquiry_reopen,
    inquiry_update,
)
from borgerraadgiver.organisation.models import HandlingType
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.reports.contract import statistics_as_json
from borgerraadgiver.reports.statistics import report_statistics
from tests.factories import AreaFactory, DepartmentFactory, ReasonFactory, UserFactory
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("follow_up_action")]

DAY = datetime.date(2024, 3, 4)
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))


def figures() -> dict:
    return statistics_as_json(report_statistics(period=YEAR, today=datetime.date(2025, 1, 15)))


def handling_counts() -> tuple[int, int, int]:
    summary = figures()["summary"]
    return summary["advice_only"], summary["dialogue"], summary["forwarded"]


@pytest.fixture
def department():
    department = DepartmentFactory(name="Jobcenter")
    UserFactory(username="leder").managed_departments.add(department)
    return department


def register(advisor, handling_kinds, department, *, placements=None) -> list[Inquiry]:
    return inquiry_register(
        registered_by=advisor,
        now=at(DAY),
        received_date=DAY,
        channel="phone",
        complainant_kind=ComplainantKind.CITIZEN,
        placements=placements or [Placement(area=department.area, department=department)],
        reasons=[ReasonFactory()],
        handling_type=handling_kinds[HandlingType.Kind.ADVICE],
        new_person=PersonData(name="Mette Prøvesen"),
    )


def consent(inquiry, advisor) -> None:
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Mette Prøvesen",
        given_date=DAY,
        method="phone",
    )


def send(inquiry, advisor, *, kind=Forwarding.Kind.FORWARDED, **to) -> Forwarding:
    to = to or {"department": inquiry.department}
    draft = forwarding_draft(
        inquiry=inquiry, created_by=advisor, now=at(DAY), kind=kind, text="Svar borgeren.", **to
    )
    return forwarding_send(forwarding=draft, sent_by=advisor, now=at(DAY))


def test_registered_as_advice_then_forwarded_counts_as_forwarded_at_every_step(
    advisor, handling_kinds, department
):
    (inquiry,) = register(advisor, handling_kinds, department)
    assert handling_counts() == (1, 0, 0)

    consent(inquiry, advisor)
    forwarding = send(inquiry, advisor)
    inquiry.refresh_from_db()
    assert (inquiry.handling_type.kind, inquiry.forwarded_as) == ("forwarded", "forwarded")
    assert handling_counts() == (0, 0, 1)
    assert figures()["forwarding"]["overall"]["forwarded"] == 1
    # The change is in the inquiry's own change record.
    assert inquiry.changes.get(field="handling_type").new_value == "Oversendelsessag"

    # Changing the handling away from what it was sent as is refused, and says where to go.
    with pytest.raises(ValidationError) as refused:
        inquiry_update(
            inquiry=inquiry,
            changed_by=advisor,
            now=at(DAY),
            received_date=DAY,
            channel="phone",
            complainant_kind=ComplainantKind.CITIZEN,
            placement=Placement(area=department.area, department=department),
            reasons=list(inquiry.reasons.all()),
            handling_type=handling_kinds[HandlingType.Kind.ADVICE],
            summary="",
            status="open",
            closed_date=None,
        )
    assert refused.value.error_dict["handling_type"][0].code == "handling_follows_forwarding"
    assert handling_counts() == (0, 0, 1)

    # It was really a dialogue case: the forwarding's kind changes, and the handling follows.
    forwarding_kind_change(
        forwarding=forwarding, changed_by=advisor, now=at(DAY), kind=Forwarding.Kind.DIALOGUE
    )
    assert handling_counts() == (0, 1, 0)
    assert figures()["forwarding"]["overall"]["dialogue"] == 1

    inquiry_close(inquiry=inquiry, closed_by=advisor, now=at(DAY), closed_date=DAY)
    inquiry_reopen(inquiry=inquiry, reopened_by=advisor, now=at(DAY))
    assert handling_counts() == (0, 1, 0)


def test_a_follow_up_question_on_the_forwarding_is_the_counted_action_once(
    advisor, handling_kinds, department, follow_up_action
):
    (inquiry,) = register(advisor, handling_kinds, department)
    consent(inquiry, advisor)
    forwarding = send(inquiry, advisor)
    manager = department.managers.get()
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="Svar")
    question = forwarding_follow_up(
        forwarding=forwarding, asked_by=advisor, now=at(DAY), text="Hvorfor?"
    )

    assert question.counted_as.action == follow_up_action
    data = figures()
    assert data["actions"] == {follow_up_action.name: 1}
    assert data["follow_up_questions_asked"] == 1
    assert data["forwarding"]["overall"]["follow_up_questions"] == 1


def test_a_follow_up_question_registered_by_hand_is_counted_the_same_way(
    advisor, handling_kinds, department, follow_up_action
):
    (inquiry,) = register(advisor, handling_kinds, department)
    inquiry_action_add(
        inquiry=inquiry, added_by=advisor, now=at(DAY), action=follow_up_action, action_date=DAY
    )
    data = figures()
    assert data["actions"] == {follow_up_action.name: 1}
    assert data["follow_up_questions_asked"] == 1


def test_a_complaint_goes_to_the_management_of_an_area_without_departments(advisor, handling_kinds):
    area = AreaFactory(name="Kommunaldirektørens område")
    director = UserFactory(username="direktoer")
    director.managed_areas.add(area)
    department_manager = UserFactory(username="afdelingsleder")
    department_manager.managed_departments.add(DepartmentFactory())
    (inquiry,) = register(advisor, handling_kinds, None, placements=[Placement(area=area)])
    consent(inquiry, advisor)

    forwarding = send(inquiry, advisor, area=area)

    assert (forwarding.area, forwarding.department, forwarding.place) == (area, None, area.name)
    assert list(Forwarding.objects.visible_to(director)) == [forwarding]
    assert list(Forwarding.objects.visible_to(department_manager)) == []
    assert handling_counts() == (0, 0, 1)
    assert figures()["forwarding"]["overall"]["sent"] == 1
    forwarding_answer(forwarding=forwarding, answered_by=director, now=at(DAY), answer_text="Svar")
    with pytest.raises(PermissionDenied):
        forwarding_answer(
            forwarding=forwarding, answered_by=department_manager, now=at(DAY), answer_text="x"
        )


def test_an_area_that_has_departments_is_not_a_recipient_itself(
    advisor, handling_kinds, department
):
    (inquiry,) = register(advisor, handling_kinds, department)
    with pytest.raises(ValidationError) as refused:
        forwarding_draft(
            inquiry=inquiry,
            created_by=advisor,
            now=at(DAY),
            kind=Forwarding.Kind.FORWARDED,
            area=department.area,
            text="Svar borgeren.",
        )
    assert "department" in refused.value.message_dict


def test_the_citizen_declining_is_recorded_respected_and_logged(
    advisor, handling_kinds, department
):
    (inquiry,) = register(advisor, handling_kinds, department)
    consent(inquiry, advisor)
    draft = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Svar borgeren.",
    )
    refusal = consent_refusal_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Mette Prøvesen",
        refused_date=DAY,
        method="phone",
        note="Bange for at det påvirker sagen",
    )
    draft.refresh_from_db()
    assert (refusal.given_by, refusal.refused_date, refusal.method) == (
        "Mette Prøvesen",
        DAY,
        "phone",
    )
    assert draft.status == Forwarding.Status.CANCELLED
    assert AccessLogEntry.objects.filter(
        event=AccessEvent.CONSENT_REFUSED, inquiry_id=inquiry.pk
    ).exists()


def test_consent_given_once_covers_the_inquiries_registered_together(
    advisor, handling_kinds, department
):
    other = DepartmentFactory(name="Borgerservice")
    UserFactory(username="leder2").managed_departments.add(other)
    first, second = register(
        advisor,
        handling_kinds,
        department,
        placements=[
            Placement(area=department.area, department=department),
            Placement(area=other.area, department=other),
        ],
    )
    consent(first, advisor)
    assert consent_in_force(second) == consent_in_force(first)
    forwarding = send(second, advisor)
    assert forwarding.status == Forwarding.Status.SENT


def test_sending_twice_sends_once(advisor, handling_kinds, department, mailoutbox):
    (inquiry,) = register(advisor, handling_kinds, department)
    consent(inquiry, advisor)
    draft = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Svar borgeren.",
    )
    stale = Forwarding.objects.get(pk=draft.pk)  # the second click's copy, read before the first
    forwarding_send(forwarding=draft, sent_by=advisor, now=at(DAY))
    with pytest.raises(ValidationError) as refused:
        forwarding_send(forwarding=stale, sent_by=advisor, now=at(DAY))
    assert refused.value.code == "not_a_draft"
    assert AccessLogEntry.objects.filter(event=AccessEvent.FORWARDING_SENT).count() == 1
