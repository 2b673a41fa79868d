"""Registering contacts by the registration rules (the annual report's appendix 1).

1. An inquiry concerns one department: one contact about several departments is registered once
   per department, and the registrations stay linked (`inquiry_register`).
2. The same person about the same subject in the same case is a new contact on the existing
   inquiry, not a new inquiry (`contact_register`).
3./4. A new subject, or another case, is a new inquiry (`inquiry_register`).
5. Several meetings or calls to clear up one inquiry stay one inquiry (`contact_register`).

`registration_submit` applies them to one `RegistrationInput`, the same from the registration
page, the API and a web-form submission.
"""

import dataclasses
import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.minutes import minutes_check
from borgerraadgiver.inquiries.models import Channel, Contact, Inquiry, InquiryAction, Person
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services.case_numbers import case_numbers_draw
from borgerraadgiver.inquiries.services.counted_actions import inquiry_action_add
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.inquiries.services.people import person_changes_record, person_snapshot
from borgerraadgiver.inquiries.services.rules import (
    check_inquiry_fields,
    cpr_checked,
    referred_by_checked,
)
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    HandlingType,
    Reason,
    ReferralBody,
    ReferralSource,
)

# A new inquiry's case number until its real one is drawn, at the end of the same transaction.
PROVISIONAL_PREFIX = "~"
_LOADED_RELATIONS = (
    "person",
    "area",
    "department",
    "handling_type",
    "referral_body",
    "advisor",
    "created_by",
)


@transaction.atomic
def inquiry_register(
    *,
    registered_by: User,
    now: datetime.datetime,
    received_date: datetime.date,
    channel: str,
    complainant_kind: str,
    placements: Sequence[Placement],
    reasons: Sequence[Reason],
    handling_type: HandlingType,
    summary: str = "",
    person: Person | None = None,
    new_person: PersonData | None = None,
    referral_body: ReferralBody | None = None,
    actions: Sequence[Action] = (),
    advisor: User | None = None,
    contact_note: str = "",
    referred_by: ReferralSource | None = None,
) -> list[Inquiry]:
    """Register a first contact as one new inquiry per department (rules 1, 3 and 4).

    Several departments give several inquiries sharing a `registration_group`, so that they stay
    linked. Each inquiry gets the contact itself as its first entry in the timeline, the counted
    actions, a case number in the office's format, and an access-log row.
    Raises ValidationError naming the field at fault; nothing is written then.
    """
    if not can_handle_inquiries(registered_by):
        raise PermissionDenied
    if person is not None and new_person is not None:
        raise ValueError("Give an existing person or a new one, not both.")
    check_inquiry_fields(
        today=timezone.localdate(now),
        received_date=received_date,
        complainant_kind=complainant_kind,
        has_person=person is not None or new_person is not None,
        placements=placements,
        reasons=reasons,
        referral_body=referral_body,
        channel=channel,
    )
    referred_by_checked(referred_by)
    if new_person is not None:
        person = _person_create(new_person, registered_by=registered_by, now=now)
    return _inquiries_create(
        placements,
        person=person,
        registered_by=registered_by,
        now=now,
        received_date=received_date,
        channel=channel,
        complainant_kind=complainant_kind,
        handling_type=handling_type,
        summary=summary,
        referral_body=referral_body,
        referred_by=referred_by,
        advisor=advisor or registered_by,
        reasons=reasons,
        actions=actions,
        contact_note=contact_note,
    )


def _person_create(data: PersonData, *, registered_by: User, now: datetime.datetime) -> Person:
    person = Person(**dataclasses.asdict(data))
    person.cpr = cpr_checked(data.cpr, now=now)
    person.full_clean()
    person.save()
    access_log_write(
        user=registered_by, event=AccessEvent.PERSON_REGISTERED, now=now, person_id=person.pk
    )
    return person


def _inquiries_create(
    placements: Sequence[Placement],
    *,
    person: Person | None,
    registered_by: User,
    now: datetime.datetime,
    received_date: datetime.date,
    channel: str,
    complainant_kind: str,
    handling_type: HandlingType,
    summary: str,
    referral_body: ReferralBody | None,
    referred_by: ReferralSource | None,
    advisor: User,
    reasons: Sequence[Reason],
    actions: Sequence[Action],
    contact_note: str,
) -> list[Inquiry]:
    """One inquiry per placement, in order, linked when there are several (rule 1).

    The case numbers are drawn last: drawing locks the year's counter until the transaction
    commits (so that the numbers have no gaps), and every other registration of that year
    waits for it. Until then each inquiry holds a provisional number of its own, which no
    other transaction sees.
    """
    group = uuid.uuid4() if len(placements) > 1 else None
    inquiries = []
    for placement in placements:
        outside = placement.area.kind == Area.Kind.OUTSIDE_COMPETENCE
        inquiry = Inquiry(
            case_number=f"{PROVISIONAL_PREFIX}{uuid.uuid4().hex}",
            received_date=received_date,
            channel=channel,
            complainant_kind=complainant_kind,
            person=person,
            area=placement.area,
            department=placement.department,
            handling_type=handling_type,
            referral_body=referral_body if outside else None,
            referred_by=referred_by,
            summary=summary,
            advisor=advisor,
            registration_group=group,
            created_by=registered_by,
        )
        _inquiry_save(inquiry, reasons=reasons, actions=actions, contact_note=contact_note, now=now)
        inquiries.append(inquiry)
    numbers = case_numbers_draw(year=received_date.year, count=len(inquiries))
    for inquiry, case_number in zip(inquiries, numbers, strict=True):
        inquiry.case_number = case_number
        Inquiry.objects.filter(pk=inquiry.pk).update(case_number=case_number)
    return inquiries


def _inquiry_save(
    inquiry: Inquiry,
    *,
    reasons: Sequence[Reason],
    actions: Sequence[Action],
    contact_note: str,
    now: datetime.datetime,
) -> None:
    """Save a new inquiry with its reasons, the contact itself as its first contact, and its
    counted actions; logged as registered by the user who created it."""
    # The provisional case number is unique by construction; the drawn one is checked when drawn.
    # The related rows were loaded in this request (the form's choices, the person just saved),
    # so asking the database once more whether each exists is left to its foreign keys.
    # Nor are the table's check constraints asked of the database before the insert (a query
    # and a savepoint each): a new inquiry is open with no closing date, and whether it has a
    # person is the registration rule's to say (`rules.py`, with the message the form shows);
    # the constraints stay in the table as the last guard.
    inquiry.full_clean(exclude=["case_number", *_LOADED_RELATIONS], validate_constraints=False)
    inquiry.save()
    # A new inquiry has no reasons yet: add them without first reading which it has.
    Inquiry.reasons.through.objects.bulk_create(
        Inquiry.reasons.through(inquiry_id=inquiry.pk, reason_id=reason_id)
        for reason_id in dict.fromkeys(reason.pk for reason in reasons)
    )
    Contact.objects.create(
        inquiry=inquiry,
        contact_date=inquiry.received_date,
        kind=inquiry.channel,
        note=contact_note,
        created_by=inquiry.created_by,
    )
    InquiryAction.objects.bulk_create(
        InquiryAction(inquiry=inquiry, action=action, action_date=inquiry.received_date)
        for action in actions
    )
    access_log_write(
        user=inquiry.created_by,
        event=AccessEvent.INQUIRY_REGISTERED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )


@transaction.atomic
def contact_register(
    *,
    inquiry: Inquiry,
    registered_by: User,
    now: datetime.datetime,
    contact_date: datetime.date,
    kind: str,
    note: str = "",
    minutes: int | None = None,
) -> Contact:
    """Add a repeat contact, call or meeting to an existing inquiry (rules 2 and 5).

    The count of inquiries does not change: that is the rule. A closed inquiry must be reopened
    first, so that a new contact is never hidden on a case nobody looks at.
    """
    if not can_handle_inquiries(registered_by):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if inquiry.status == Inquiry.Status.CLOSED:
        errors["inquiry"] = _("The inquiry is closed. Reopen it before adding a contact.")
    if contact_date < inquiry.received_date:
        errors["contact_date"] = _("The contact is dated before the inquiry was received.")
    if contact_date > timezone.localdate(now):
        errors["contact_date"] = _("The date is in the future.")
    if kind not in Channel.values:
        errors["kind"] = _("Choose the kind of contact.")
    if errors:
        raise ValidationError(errors)
    minutes_check(minutes)
    contact = Contact.objects.create(
        inquiry=inquiry,
        contact_date=contact_date,
        kind=kind,
        note=note,
        minutes=minutes,
        created_by=registered_by,
    )
    access_log_write(
        user=registered_by,
        event=AccessEvent.CONTACT_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return contact


@transaction.atomic
def person_update_contact_details(
    *, person: Person, changed_by: User, now: datetime.datetime, details: PersonData
) -> bool:
    """Add or correct a known person's phone, e-mail, address and CPR number, or add the consent
    to letters by e-mail; empty values (and no consent) change nothing. The CPR number is
    checked and stored as ten digits.

    Returns whether anything changed. The name is kept: a different name is a different person.
    """
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    details = dataclasses.replace(details, cpr=cpr_checked(details.cpr, now=now))
    before = person_snapshot(person)
    changed = [
        field
        for field in ("phone", "email", "address", "cpr", "letters_by_email")
        if getattr(details, field) and getattr(details, field) != getattr(person, field)
    ]
    for field in changed:
        setattr(person, field, getattr(details, field))
    if changed:
        person.full_clean()
        person.save(update_fields=[*changed, "updated_at"])
        person_changes_record(person, before, changed_by=changed_by, now=now)
        access_log_write(
            user=changed_by,
            event=AccessEvent.PERSON_CHANGED,
            now=now,
            person_id=person.pk,
            detail=", ".join(changed),
        )
    return bool(changed)


@dataclass(frozen=True)
class Registration:
    """What one registration became."""

    inquiries: list[Inquiry]
    repeat_contact: bool  # a contact on an existing inquiry, not a new inquiry


@transaction.atomic
def registration_submit(
    *, data: RegistrationInput, registered_by: User, now: datetime.datetime
) -> Registration:
    """Register one contact as the advisor decided it, by the registration rules.

    `data.repeat_of` set: the same person about the same subject, so a contact on that inquiry
    (rule 2), with the counted actions ticked; other departments are refused, as a contact
    belongs to one inquiry. `data.known_person` set: a new inquiry for a person already
    registered (rules 3 and 4). Otherwise new inquiries, one per department (rule 1), for a new
    person or none. Contact details typed for a known person are added to the person.
    """
    if not can_handle_inquiries(registered_by):
        raise PermissionDenied
    repeat_of = data.repeat_of
    person = repeat_of.person if repeat_of is not None else data.known_person
    if person is not None and data.person_data is not None:
        person_update_contact_details(
            person=person, changed_by=registered_by, now=now, details=data.person_data
        )
    if repeat_of is not None:
        _repeat_contact_register(repeat_of, data=data, registered_by=registered_by, now=now)
        return Registration(inquiries=[repeat_of], repeat_contact=True)
    if data.handling_type is None:
        raise ValidationError({"handling_type": _("Choose how the inquiry was handled.")})
    inquiries = inquiry_register(
        registered_by=registered_by,
        now=now,
        received_date=data.received_date,
        channel=data.channel,
        complainant_kind=data.complainant_kind,
        placements=data.placements,
        reasons=data.reasons,
        handling_type=data.handling_type,
        summary=data.summary,
        person=data.known_person,
        new_person=data.person_data if data.known_person is None else None,
        referral_body=data.referral_body,
        actions=data.actions,
        referred_by=data.referred_by,
    )
    return Registration(inquiries=inquiries, repeat_contact=False)


def _repeat_contact_register(
    inquiry: Inquiry, *, data: RegistrationInput, registered_by: User, now: datetime.datetime
) -> None:
    """The contact on the inquiry it repeats, dated the day received, with its counted actions."""
    if len(data.placements) > 1:
        raise ValidationError(
            {
                "other_departments": _(
                    "A repeat contact goes on one inquiry. Register the other departments "
                    "as a new inquiry."
                )
            }
        )
    contact_register(
        inquiry=inquiry,
        registered_by=registered_by,
        now=now,
        contact_date=data.received_date,
        kind=data.channel,
        note=data.summary,
    )
    for action in data.actions:
        inquiry_action_add(
            inquiry=inquiry,
            added_by=registered_by,
            now=now,
            action=action,
            action_date=data.received_date,
        )
