"""A registration or a forwarding is one transaction: when a later step fails, nothing is written.

Run with real transactions (transaction=True), on SQLite and on PostgreSQL, so that the service's
own transaction is the outermost one, as in production.
"""

import pytest
from django.core import mail
from django.db import DatabaseError

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding import services as forwarding_services
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries import services
from borgerraadgiver.inquiries.models import CaseNumberSequence, Contact, Inquiry, Person
from tests.factories import (
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("handling_kinds")]


def test_a_registration_for_two_departments_that_fails_halfway_writes_nothing(
    advisor, now, monkeypatch
):
    first, second = DepartmentFactory(), DepartmentFactory()
    real_write = services.access_log_write
    calls = []

    def fail_on_the_second_inquiry(**kwargs):
        calls.append(kwargs)
        if kwargs.get("inquiry_id") and len([c for c in calls if c.get("inquiry_id")]) == 2:
            raise DatabaseError("disk full")
        return real_write(**kwargs)

    monkeypatch.setattr(services, "access_log_write", fail_on_the_second_inquiry)

    with pytest.raises(DatabaseError):
        services.inquiry_register(
            registered_by=advisor,
            now=now,
            received_date=now.date(),
            channel="phone",
            complainant_kind="citizen",
            placements=[
                services.Placement(area=first.area, department=first),
                services.Placement(area=second.area, department=second),
            ],
            reasons=[ReasonFactory()],
            handling_type=HandlingTypeFactory(),
            new_person=services.PersonData(name="Halv Registrering"),
        )

    assert len(calls) == 3  # the person, the first inquiry, the second (failing)
    assert not Inquiry.objects.exists()
    assert not Person.objects.exists()
    assert not Contact.objects.exists()
    assert not AccessLogEntry.objects.exists()
    assert not CaseNumberSequence.objects.filter(last__gt=0).exists()


def test_a_forwarding_whose_sending_fails_stays_a_draft_and_nobody_is_told(
    advisor, now, monkeypatch
):
    department = DepartmentFactory()
    manager = UserFactory(email="leder@example.com")
    manager.managed_departments.add(department)
    inquiry = InquiryFactory(department=department, received_date=now.date())
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=now,
        given_by="Borgeren",
        given_date=now.date(),
        method="phone",
    )
    draft = forwarding_services.forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=now,
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Borgeren venter på svar.",
    )

    def log_fails(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(forwarding_services, "_log", log_fails)
    with pytest.raises(DatabaseError):
        forwarding_services.forwarding_send(forwarding=draft, sent_by=advisor, now=now)

    stored = Forwarding.objects.get(pk=draft.pk)
    assert stored.status == Forwarding.Status.DRAFT
    assert stored.sent_at is None and stored.deadline_date is None
    assert mail.outbox == []
