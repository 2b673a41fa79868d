"""Forwarding rules: consent first, deadlines on the Danish calendar, answers by the manager."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from borgerraadgiver.forwarding.consents import consent_record, consent_withdraw
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import (
    forwarding_answer,
    forwarding_close,
    forwarding_draft,
    forwarding_extend,
    forwarding_follow_up,
    forwarding_send,
)
from borgerraadgiver.organisation.models import ClosingDay, Office
from tests.factories import DepartmentFactory, InquiryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds", "follow_up_action")]


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


SENT = datetime.date(2024, 3, 6)  # a Wednesday; three weeks on is Wed 27 March
NOW = at(SENT)


@pytest.fixture
def department():
    return DepartmentFactory(name="Børn og Familie")


@pytest.fixture
def manager(department):
    user = UserFactory(username="leder")
    user.managed_departments.add(department)
    return user


@pytest.fixture
def other_manager():
    user = UserFactory(username="anden-leder")
    user.managed_departments.add(DepartmentFactory(name="Jobcenter"))
    return user


@pytest.fixture
def inquiry(department):
    return InquiryFactory(department=department, received_date=datetime.date(2024, 3, 1))


def consent(inquiry, advisor, **kwargs):
    return consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=NOW,
        given_by="Mette Prøvesen",
        given_date=kwargs.get("given_date", datetime.date(2024, 3, 4)),
        method="phone",
    )


def draft(inquiry, advisor, department):
    return forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=NOW,
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Borgeren har ikke fået svar på sin ansøgning.",
    )


def sent(inquiry, advisor, department, manager, now=NOW):
    consent(inquiry, advisor)
    return forwarding_send(forwarding=draft(inquiry, advisor, department), sent_by=advisor, now=now)


def test_nothing_is_forwarded_without_recorded_consent(inquiry, advisor, department, manager):
    forwarding = draft(inquiry, advisor, department)
    with pytest.raises(ValidationError) as error:
        forwarding_send(forwarding=forwarding, sent_by=advisor, now=NOW)
    assert error.value.code == "no_consent"
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.sent_date) == ("draft", None)


def test_with_consent_the_forwarding_is_sent_with_a_three_week_deadline(
    inquiry, advisor, department, manager
):
    forwarding = sent(inquiry, advisor, department, manager)
    assert forwarding.status == "sent"
    assert forwarding.sent_date == SENT
    assert forwarding.deadline_date == datetime.date(2024, 3, 27)


def test_a_deadline_on_easter_monday_moves_to_the_next_working_day(
    inquiry, advisor, department, manager
):
    # Sent Monday 11 March 2024: three weeks on is Easter Monday 1 April; next working day Tue 2.
    forwarding = sent(inquiry, advisor, department, manager, now=at(datetime.date(2024, 3, 11)))
    assert forwarding.deadline_date == datetime.date(2024, 4, 2)


def test_the_municipalitys_closing_days_and_answer_time_are_used(
    inquiry, advisor, department, manager
):
    office = Office.load()
    office.answer_weeks = 2
    office.save()
    ClosingDay.objects.create(day=datetime.date(2024, 3, 20), name="Lukkedag")
    forwarding = sent(inquiry, advisor, department, manager)
    assert forwarding.deadline_date == datetime.date(2024, 3, 21)  # Wed 20 closed: Thu 21


def test_a_withdrawn_consent_stops_a_forwarding_not_yet_sent(inquiry, advisor, department, manager):
    given = consent(inquiry, advisor)
    forwarding = draft(inquiry, advisor, department)
    stopped = consent_withdraw(consent=given, withdrawn_by=advisor, now=NOW, withdrawn_date=SENT)
    assert stopped == [forwarding]
    forwarding.refresh_from_db()
    assert forwarding.status == "cancelled"
    with pytest.raises(ValidationError):
        forwarding_send(forwarding=forwarding, sent_by=advisor, now=NOW)


def test_a_withdrawn_consent_does_not_recall_a_forwarding_already_sent(
    inquiry, advisor, department, manager
):
    forwarding = sent(inquiry, advisor, department, manager)
    consent_withdraw(
        consent=inquiry.consents.get(), withdrawn_by=advisor, now=NOW, withdrawn_date=SENT
    )
    forwarding.refresh_from_db()
    assert forwarding.status == "sent"


def test_a_department_without_a_manager_cannot_receive_a_forwarding(inquiry, advisor):
    with pytest.raises(ValidationError) as error:
        draft(inquiry, advisor, DepartmentFactory(name="Skole"))
    assert "department" in error.value.message_dict


def test_only_an_advisor_records_consent_and_forwards(inquiry, manager, department):
    with pytest.raises(PermissionDenied):
        consent(inquiry, manager)
    with pytest.raises(PermissionDenied):
        draft(inquiry, manager, department)


def test_the_manager_of_the_department_answers(inquiry, advisor, department, manager):
    forwarding = sent(inquiry, advisor, department, manager)
    later = at(datetime.date(2024, 3, 20))
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=later, answer_text="Svar")
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.answered_date, forwarding.answered_by) == (
        "answered",
        datetime.date(2024, 3, 20),
        manager,
    )


def test_a_manager_of_another_department_cannot_answer(
    inquiry, advisor, department, manager, other_manager
):
    forwarding = sent(inquiry, advisor, department, manager)
    with pytest.raises(PermissionDenied):
        forwarding_answer(
            forwarding=forwarding, answered_by=other_manager, now=NOW, answer_text="x"
        )
    with pytest.raises(PermissionDenied):
        forwarding_answer(forwarding=forwarding, answered_by=advisor, now=NOW, answer_text="x")


def test_an_extension_needs_a_later_working_day_a_reason_and_the_citizen_told(
    inquiry, advisor, department, manager
):
    forwarding = sent(inquiry, advisor, department, manager)
    with pytest.raises(ValidationError) as error:
        forwarding_extend(
            forwarding=forwarding,
            requested_by=manager,
            now=NOW,
            new_deadline_date=datetime.date(2024, 3, 30),  # a Saturday
            reason="",
            citizen_informed=False,
        )
    assert set(error.value.message_dict) == {"new_deadline_date", "reason", "citizen_informed"}

    extension = forwarding_extend(
        forwarding=forwarding,
        requested_by=manager,
        now=NOW,
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Afventer lægeerklæring",
        citizen_informed=True,
    )
    forwarding.refresh_from_db()
    assert extension.previous_deadline_date == datetime.date(2024, 3, 27)
    assert forwarding.deadline_date == datetime.date(2024, 4, 10)
    assert forwarding.original_deadline_date == datetime.date(2024, 3, 27)


def test_a_follow_up_question_reopens_the_forwarding_with_a_new_deadline(
    inquiry, advisor, department, manager
):
    forwarding = sent(inquiry, advisor, department, manager)
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=NOW, answer_text="Svar")
    asked = at(datetime.date(2024, 4, 3))
    question = forwarding_follow_up(
        forwarding=forwarding, asked_by=advisor, now=asked, text="Hvornår træffes afgørelsen?"
    )
    forwarding.refresh_from_db()
    assert forwarding.status == "sent"
    assert question.deadline_date == forwarding.deadline_date == datetime.date(2024, 4, 24)


def test_closing_records_the_outcome(inquiry, advisor, department, manager):
    forwarding = sent(inquiry, advisor, department, manager)
    with pytest.raises(ValidationError):
        forwarding_close(forwarding=forwarding, closed_by=advisor, now=NOW, outcome="apology")
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=NOW, answer_text="Svar")
    forwarding_close(forwarding=forwarding, closed_by=advisor, now=NOW, outcome="apology")
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.outcome) == ("closed", "apology")


def test_consent_dated_before_the_inquiry_is_refused(inquiry, advisor):
    with pytest.raises(ValidationError) as error:
        consent(inquiry, advisor, given_date=datetime.date(2024, 2, 1))
    assert "given_date" in error.value.message_dict
