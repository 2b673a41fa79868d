"""Write the planned registrations through the register's own services.

Going through `inquiry_register` and `contact_register` gives the demo the same case numbers,
contacts and access log as registrations made by hand. Each step gets `now` at the moment it
happened in the story (the day received, the day of the contact, the day closed), never the
clock, so a second run writes the same register.
"""

import datetime
from dataclasses import asdict
from zoneinfo import ZoneInfo

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo import organisation as o
from borgerraadgiver.demo.organisation import Organisation
from borgerraadgiver.demo.plan import Plan, PlannedRegistration
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.inquiries.services import (
    PersonData,
    Placement,
    contact_register,
    inquiry_close,
    inquiry_register,
)

OFFICE_TIME_ZONE = ZoneInfo("Europe/Copenhagen")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OFFICE_TIME_ZONE)


def _placements(registration: PlannedRegistration, org: Organisation) -> list[Placement]:
    return [
        Placement(
            area=org.areas[slot.area],
            department=org.departments[slot.department] if slot.department else None,
        )
        for slot in registration.slots
    ]


def _register(
    registration: PlannedRegistration,
    *,
    plan: Plan,
    org: Organisation,
    advisor: User,
    persons: dict[int, Person],
) -> list[Inquiry]:
    slot = registration.main
    key = registration.person_key
    person = persons.get(key) if key is not None else None
    new_person = None
    if key is not None and person is None:
        new_person = PersonData(**asdict(plan.people[key]))
    inquiries = inquiry_register(
        registered_by=advisor,
        now=_at(registration.received_date, 10),
        received_date=registration.received_date,
        channel=registration.channel,
        complainant_kind=registration.complainant_kind,
        placements=_placements(registration, org),
        reasons=[org.reasons[name] for name in slot.reasons],
        handling_type=org.handling_types[slot.handling],
        summary=registration.summary,
        person=person,
        new_person=new_person,
        referral_body=org.referral_bodies[slot.referral_body] if slot.referral_body else None,
        # The follow-up question comes weeks later, once the department has answered.
        actions=[org.actions[name] for name in slot.actions if name != o.ACTION_FOLLOW_UP],
        advisor=advisor,
    )
    if key is not None and inquiries[0].person is not None:
        persons[key] = inquiries[0].person
    return inquiries


def _follow(
    inquiry: Inquiry, registration: PlannedRegistration, *, org: Organisation, advisor: User
) -> None:
    """The contacts after the first, and closing. (The follow-up question is asked on the
    department's answer: `forwardings.forwardings_write`.)"""
    for contact in registration.contacts:
        contact_register(
            inquiry=inquiry,
            registered_by=advisor,
            now=_at(contact.contact_date, 14),
            contact_date=contact.contact_date,
            kind=contact.kind,
            note=contact.note,
        )
    if registration.closed_date is not None:
        inquiry_close(
            inquiry=inquiry,
            closed_by=advisor,
            now=_at(registration.closed_date, 16),
            closed_date=registration.closed_date,
        )


def registrations_write(
    *, plan: Plan, org: Organisation, advisor: User
) -> dict[int, datetime.date]:
    """Register the plan; returns the inquiries (by id) whose forwarding gets a follow-up
    question, with its date."""
    persons: dict[int, Person] = {}
    follow_ups: dict[int, datetime.date] = {}
    for registration in plan.registrations:
        inquiries = _register(registration, plan=plan, org=org, advisor=advisor, persons=persons)
        for inquiry in inquiries:
            _follow(inquiry, registration, org=org, advisor=advisor)
            if registration.follow_up_date is not None:
                follow_ups[inquiry.pk] = registration.follow_up_date
    return follow_ups
