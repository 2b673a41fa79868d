"""Factories for the register. Each makes a valid object with the fewest choices."""

import datetime

import factory
from factory.django import DjangoModelFactory

from borgerraadgiver.accounts.models import User
from borgerraadgiver.inquiries.models import Channel, ComplainantKind, Contact, Inquiry, Person
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.services import SubmissionData, submission_create
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
)

PASSWORD = "a-long-test-password"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class AdvisorFactory(UserFactory):
    is_advisor = True


class AdministratorFactory(UserFactory):
    is_administrator = True
    is_staff = True


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Område {n}")
    kind = Area.Kind.ADMINISTRATION


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class ReasonFactory(DjangoModelFactory):
    class Meta:
        model = Reason
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Årsag {n}")


class HandlingTypeFactory(DjangoModelFactory):
    class Meta:
        model = HandlingType
        django_get_or_create = ("name",)

    name = "Råd og vejledning"
    kind = HandlingType.Kind.ADVICE


def handling_types_of_every_kind() -> dict[str, HandlingType]:
    """One handling type per kind, as an office has: a sent forwarding sets the inquiry's handling
    to the office's handling type of its kind (forwarding and handling are one fact)."""
    names = {
        HandlingType.Kind.ADVICE: "Råd og vejledning",
        HandlingType.Kind.DIALOGUE: "Dialogsag",
        HandlingType.Kind.FORWARDED: "Oversendelsessag",
        HandlingType.Kind.OTHER: "Øvrig behandling",
    }
    return {kind: HandlingTypeFactory(name=name, kind=kind) for kind, name in names.items()}


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = Action
        django_get_or_create = ("name",)

    name = "Deltaget i borgers møde med forvaltningen"


class ReferralBodyFactory(DjangoModelFactory):
    class Meta:
        model = ReferralBody
        django_get_or_create = ("name",)

    name = "Ankestyrelsen"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Borger Prøvesen {n}")
    phone = factory.Sequence(lambda n: f"12 34 {n:05d}")
    email = factory.Sequence(lambda n: f"borger{n}@example.com")


class InquiryFactory(DjangoModelFactory):
    """An inquiry written straight to the database, for tests of reading; writes go via services."""

    class Meta:
        model = Inquiry
        skip_postgeneration_save = True

    case_number = factory.Sequence(lambda n: f"BR-T-{n:06d}")
    received_date = datetime.date(2024, 3, 1)
    channel = Channel.PHONE
    complainant_kind = ComplainantKind.CITIZEN
    person = factory.SubFactory(PersonFactory)
    department = factory.SubFactory(DepartmentFactory)
    area = factory.LazyAttribute(lambda o: o.department.area)
    handling_type = factory.SubFactory(HandlingTypeFactory)
    summary = "Spørger til sagsbehandlingen"

    @factory.post_generation
    def reasons(self, create, extracted, **kwargs):
        if create:
            self.reasons.set(extracted if extracted is not None else [ReasonFactory()])


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    inquiry = factory.SubFactory(InquiryFactory)
    contact_date = factory.LazyAttribute(lambda o: o.inquiry.received_date)
    kind = Channel.PHONE


def submission_sent(
    *, now: datetime.datetime, uploads=(), client_address: str = "10.0.0.9", **data
) -> Submission:
    """A web-form message stored through the service, as the form stores it; `data` overrides
    the citizen's answers."""
    values = {
        "complainant_kind": "citizen",
        "name": "Karen Prøvesen",
        "phone": "12 34 56 78",
        "what_happened": "Jeg har ventet længe.",
        "consents_to_contact": True,
        **data,
    }
    return submission_create(
        data=SubmissionData(**values),
        uploads=list(uploads),
        client_address=client_address,
        now=now,
        language="da",
    )
