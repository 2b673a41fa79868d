"""The office's registration rules (appendix 1 of the annual report), one test or more each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.look_up import person_open_inquiries
from borgerraadgiver.inquiries.models import ComplainantKind, Contact, Inquiry, Person
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.inquiries.services.registration import (
    contact_register,
    inquiry_register,
    registration_submit,
)
from borgerraadgiver.organisation.models import Area
from tests.factories import (
    ActionFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    ReferralBodyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2024, 3, 4)


def register(advisor, now, *, placements, **overrides):
    arguments = {
        "registered_by": advisor,
        "now": now,
        "received_date": MARCH,
        "channel": "phone",
        "complainant_kind": ComplainantKind.CITIZEN,
        "placements": placements,
        "reasons": [ReasonFactory(name="Manglende svar")],
        "handling_type": HandlingTypeFactory(),
        "new_person": PersonData(name="Mette Prøvesen", phone="12 34 56 78"),
    }
    arguments.update(overrides)
    return inquiry_register(**arguments)


# Rule 1: an inquiry concerns one department; a contact about several gives one per department.


def test_contact_about_two_departments_gives_two_linked_inquiries(advisor, now):
    school, family = DepartmentFactory(name="Skole"), DepartmentFactory(name="Børn og Familie")

    inquiries = register(
        advisor,
        now,
        placements=[
            Placement(area=school.area, department=school),
            Placement(area=family.area, department=family),
        ],
    )

    assert Inquiry.objects.count() == 2
    assert {i.department for i in inquiries} == {school, family}
    assert inquiries[0].registration_group is not None
    assert inquiries[0].registration_group == inquiries[1].registration_group
    assert inquiries[0].person == inquiries[1].person
    assert Person.objects.count() == 1
    assert inquiries[0].case_number != inquiries[1].case_number


def test_contact_about_one_department_is_not_linked_to_anything(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    assert inquiry.registration_group is None


def test_the_same_department_twice_is_refused(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    with pytest.raises(ValidationError) as error:
        register(advisor, now, placements=[placement, placement])
    assert "other_departments" in error.value.message_dict
    assert Inquiry.objects.count() == 0


def test_an_area_with_departments_needs_a_department(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(advisor, now, placements=[Placement(area=school.area)])
    assert "department" in error.value.message_dict


def test_a_department_under_another_area_is_refused(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError):
        register(advisor, now, placements=[Placement(area=AreaFactory(), department=school)])


def test_a_department_that_had_closed_on_the_date_received_is_refused(advisor, now):
    old = DepartmentFactory(valid_to=datetime.date(2023, 12, 31))
    with pytest.raises(ValidationError) as error:
        register(advisor, now, placements=[Placement(area=old.area, department=old)])
    assert list(error.value.message_dict) == ["department"]


def test_a_department_is_accepted_for_a_date_inside_its_validity(advisor, now):
    old = DepartmentFactory(valid_to=datetime.date(2023, 12, 31))
    (inquiry,) = register(
        advisor,
        now,
        placements=[Placement(area=old.area, department=old)],
        received_date=datetime.date(2023, 11, 2),
    )
    assert inquiry.department == old


def submit(advisor, now, **values):
    """What the registration page, the API and the web form hand to the registration rules."""
    data = {
        "received_date": datetime.date(2024, 3, 20),
        "channel": "email",
        "complainant_kind": ComplainantKind.CITIZEN,
        "placements": (),
        "reasons": (),
        "handling_type": None,
        "summary": "Har stadig ikke fået svar",
    }
    data.update(values)
    return registration_submit(data=RegistrationInput(**data), registered_by=advisor, now=now)


def events_after(first_id: int) -> list[str]:
    rows = AccessLogEntry.objects.filter(id__gt=first_id).order_by("id")
    return list(rows.values_list("event", flat=True))


def last_event_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


# Rules 2 and 5: the same person on the same subject, or more meetings: a contact, no inquiry.


def test_a_repeat_contact_submitted_is_a_contact_on_the_inquiry_and_no_new_inquiry(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    (inquiry,) = register(advisor, now, placements=[placement])
    first_event = last_event_id()

    registration = submit(advisor, now, repeat_of=inquiry, placements=(placement,))

    assert registration.repeat_contact is True
    assert registration.inquiries == [inquiry]
    assert Inquiry.objects.count() == 1
    assert list(inquiry.contacts.order_by("id").values_list("contact_date", "kind", "note")) == [
        (MARCH, "phone", ""),
        (datetime.date(2024, 3, 20), "email", "Har stadig ikke fået svar"),
    ]
    assert events_after(first_event) == [AccessEvent.CONTACT_ADDED]


def test_a_repeat_contact_submitted_keeps_the_counted_actions_ticked(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    meeting, complaint = ActionFactory(), ActionFactory(name="Hjælp til klage")

    submit(advisor, now, repeat_of=inquiry, actions=(meeting, complaint))

    assert sorted(inquiry.actions.values_list("action", "action_date")) == sorted(
        [(meeting.pk, datetime.date(2024, 3, 20)), (complaint.pk, datetime.date(2024, 3, 20))]
    )
    assert Inquiry.objects.count() == 1


def test_a_repeat_contact_submitted_about_other_departments_too_is_refused(advisor, now):
    school, family = DepartmentFactory(), DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    (inquiry,) = register(advisor, now, placements=[placement])

    with pytest.raises(ValidationError) as error:
        submit(
            advisor,
            now,
            repeat_of=inquiry,
            placements=(placement, Placement(area=family.area, department=family)),
        )

    assert list(error.value.message_dict) == ["other_departments"]
    assert inquiry.contacts.count() == 1
    assert Inquiry.objects.count() == 1


def test_a_user_who_is_not_an_advisor_cannot_submit_a_repeat_contact(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    with pytest.raises(PermissionDenied):
        submit(UserFactory(), now, repeat_of=inquiry)
    assert inquiry.contacts.count() == 1


def test_repeat_contact_on_same_subject_is_not_a_new_inquiry(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])

    contact_register(
        inquiry=inquiry,
        registered_by=advisor,
        now=now,
        contact_date=datetime.date(2024, 3, 20),
        kind="email",
        note="Har stadig ikke fået svar",
    )

    assert Inquiry.objects.count() == 1
    assert inquiry.contacts.count() == 2


def test_several_meetings_on_one_inquiry_stay_one_inquiry(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    for day in (5, 12, 19):
        contact_register(
            inquiry=inquiry,
            registered_by=advisor,
            now=now,
            contact_date=datetime.date(2024, 3, day),
            kind="meeting",
        )
    assert Inquiry.objects.count() == 1
    assert inquiry.contacts.filter(kind="meeting").count() == 3


def test_contact_on_a_closed_inquiry_is_refused(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    Inquiry.objects.filter(pk=inquiry.pk).update(status="closed", closed_date=MARCH)
    inquiry.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        contact_register(
            inquiry=inquiry, registered_by=advisor, now=now, contact_date=MARCH, kind="phone"
        )
    assert list(error.value.message_dict) == ["inquiry"]
    assert Contact.objects.filter(inquiry=inquiry).count() == 1


def test_contact_dated_before_the_inquiry_is_refused(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(advisor, now, placements=[Placement(area=school.area, department=school)])
    with pytest.raises(ValidationError) as error:
        contact_register(
            inquiry=inquiry,
            registered_by=advisor,
            now=now,
            contact_date=MARCH - datetime.timedelta(days=1),
            kind="phone",
        )
    assert "contact_date" in error.value.message_dict


# Rules 3 and 4: a new subject, or another case, from a known person is a new inquiry.


def test_known_person_with_a_new_subject_gets_a_new_inquiry(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    (first,) = register(advisor, now, placements=[placement])

    (second,) = register(advisor, now, placements=[placement], new_person=None, person=first.person)

    assert Inquiry.objects.count() == 2
    assert second.person == first.person
    assert Person.objects.count() == 1


def test_known_person_with_a_new_subject_submitted_gets_a_new_inquiry(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    (first,) = register(advisor, now, placements=[placement])

    registration = submit(
        advisor,
        now,
        known_person=first.person,
        placements=(placement,),
        reasons=(ReasonFactory(name="Afgørelse"),),
        handling_type=HandlingTypeFactory(),
    )

    (second,) = registration.inquiries
    assert registration.repeat_contact is False
    assert second.pk != first.pk
    assert second.person == first.person
    assert Inquiry.objects.count() == 2
    assert Person.objects.count() == 1
    assert first.contacts.count() == 1


def test_person_lookup_offers_the_persons_open_inquiries_only(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    (open_one,) = register(advisor, now, placements=[placement])
    (closed_one,) = register(
        advisor, now, placements=[placement], new_person=None, person=open_one.person
    )
    Inquiry.objects.filter(pk=closed_one.pk).update(status="closed", closed_date=MARCH)
    register(advisor, now, placements=[placement], new_person=PersonData(name="Bo Eksempelsen"))

    matches = person_open_inquiries(user=advisor, name="PRØVESEN")

    assert [(person.name, [i.pk for i in inquiries]) for person, inquiries in matches.people] == [
        ("Mette Prøvesen", [open_one.pk])
    ]


def test_person_lookup_finds_by_phone_and_e_mail(advisor, now):
    school = DepartmentFactory()
    register(
        advisor,
        now,
        placements=[Placement(area=school.area, department=school)],
        new_person=PersonData(name="Mette Prøvesen", phone="12 34 56 78", email="m@example.com"),
    )
    assert len(person_open_inquiries(user=advisor, phone="12345678").people) == 1
    assert len(person_open_inquiries(user=advisor, phone="+45 12-34-56-78").people) == 1
    assert len(person_open_inquiries(user=advisor, email="M@example.com").people) == 1
    assert person_open_inquiries(user=advisor, name="Me").people == []


def test_person_lookup_shows_nothing_to_a_user_who_is_not_an_advisor(advisor, now):
    school = DepartmentFactory()
    register(advisor, now, placements=[Placement(area=school.area, department=school)])
    assert person_open_inquiries(user=UserFactory(), name="Prøvesen").people == []


# What a registration must hold.


def test_anonymous_inquiry_stores_no_person(advisor, now):
    school = DepartmentFactory()
    (inquiry,) = register(
        advisor,
        now,
        placements=[Placement(area=school.area, department=school)],
        complainant_kind=ComplainantKind.ANONYMOUS,
        new_person=None,
    )
    assert inquiry.person is None
    assert Person.objects.count() == 0


def test_anonymous_inquiry_with_a_name_is_refused(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(
            advisor,
            now,
            placements=[Placement(area=school.area, department=school)],
            complainant_kind=ComplainantKind.ANONYMOUS,
        )
    assert "person_name" in error.value.message_dict
    assert Person.objects.count() == 0


def test_the_table_itself_refuses_an_anonymous_inquiry_with_a_person():
    """The last guard: registration leaves this rule to `rules.py` and the table's constraint."""
    inquiry = InquiryFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Inquiry.objects.filter(pk=inquiry.pk).update(complainant_kind=ComplainantKind.ANONYMOUS)


def test_a_named_complainant_needs_a_person(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(
            advisor,
            now,
            placements=[Placement(area=school.area, department=school)],
            new_person=None,
        )
    assert "person_name" in error.value.message_dict


def test_an_inquiry_needs_a_reason(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(
            advisor, now, placements=[Placement(area=school.area, department=school)], reasons=[]
        )
    assert "reasons" in error.value.message_dict


def test_a_date_received_in_the_future_is_refused(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(
            advisor,
            now,
            placements=[Placement(area=school.area, department=school)],
            received_date=now.date() + datetime.timedelta(days=1),
        )
    assert "received_date" in error.value.message_dict


def test_outside_competence_records_where_the_citizen_was_referred(advisor, now):
    outside = AreaFactory(name="Udenfor kompetence", kind=Area.Kind.OUTSIDE_COMPETENCE)
    with pytest.raises(ValidationError) as error:
        register(advisor, now, placements=[Placement(area=outside)])
    assert "referral_body" in error.value.message_dict

    (inquiry,) = register(
        advisor, now, placements=[Placement(area=outside)], referral_body=ReferralBodyFactory()
    )
    assert inquiry.referral_body.name == "Ankestyrelsen"
    assert inquiry.department is None


def test_referral_is_refused_for_an_inquiry_inside_competence(advisor, now):
    school = DepartmentFactory()
    with pytest.raises(ValidationError) as error:
        register(
            advisor,
            now,
            placements=[Placement(area=school.area, department=school)],
            referral_body=ReferralBodyFactory(),
        )
    assert "referral_body" in error.value.message_dict


def test_registration_records_first_contact_actions_and_access_log(advisor, now):
    school = DepartmentFactory()
    meeting = ActionFactory()
    (inquiry,) = register(
        advisor,
        now,
        placements=[Placement(area=school.area, department=school)],
        actions=[meeting],
    )
    contact = inquiry.contacts.get()
    assert (contact.contact_date, contact.kind) == (MARCH, "phone")
    assert [a.action for a in inquiry.actions.all()] == [meeting]
    assert AccessLogEntry.objects.filter(
        action="create", inquiry_id=inquiry.pk, user=advisor
    ).exists()


def test_a_user_who_is_not_an_advisor_cannot_register(now):
    school = DepartmentFactory()
    with pytest.raises(PermissionDenied):
        register(UserFactory(), now, placements=[Placement(area=school.area, department=school)])
    assert Inquiry.objects.count() == 0


def test_a_failed_registration_writes_nothing(advisor, now):
    school = DepartmentFactory()
    closed = DepartmentFactory(valid_to=datetime.date(2023, 1, 1))
    with pytest.raises(ValidationError):
        register(
            advisor,
            now,
            placements=[
                Placement(area=school.area, department=school),
                Placement(area=closed.area, department=closed),
            ],
        )
    assert Inquiry.objects.count() == 0
    assert Person.objects.count() == 0


def test_today_is_the_office_day_not_the_utc_day(advisor):
    # 23:30 UTC on 3 March is 00:30 on 4 March in Copenhagen: a contact on the 4th is today.
    school = DepartmentFactory()
    late_evening_utc = datetime.datetime(2024, 3, 3, 23, 30, tzinfo=datetime.UTC)
    (inquiry,) = register(
        advisor,
        late_evening_utc,
        placements=[Placement(area=school.area, department=school)],
        received_date=datetime.date(2024, 3, 4),
    )
    assert inquiry.received_date == datetime.date(2024, 3, 4)


def test_person_lookup_lists_people_with_open_inquiries_first_and_says_when_cut(advisor, now):
    school = DepartmentFactory()
    placement = Placement(area=school.area, department=school)
    for n in range(21):
        register(
            advisor, now, placements=[placement], new_person=PersonData(name=f"Anna Hansen {n}")
        )
    Inquiry.objects.update(status="closed", closed_date=MARCH)
    (still_open,) = register(
        advisor, now, placements=[placement], new_person=PersonData(name="Anna Hansen Ø")
    )

    matches = person_open_inquiries(user=advisor, name="anna hansen")

    assert matches.more is True
    assert len(matches.people) == 20
    assert matches.people[0][0] == still_open.person
    assert matches.any_open
