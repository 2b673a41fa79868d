"""Writes to the register. Each service is one transaction, checks its rules and logs itself.

The registration rules (the annual report's appendix 1):
1. An inquiry concerns one department: one contact about several departments is registered once
   per department, and the registrations stay linked (`inquiry_register`).
2. The same person about the same subject in the same case is a new contact on the existing
   inquiry, not a new inquiry (`contact_register`).
3./4. A new subject, or another case, is a new inquiry (`inquiry_register`).
5. Several meetings or calls to clear up one inquiry stay one inquiry (`contact_register`).
"""

import dataclasses
import datetime
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.inquiries.cpr import cpr_mask, cpr_normalise
from borgerraadgiver.inquiries.models import (
    CaseNumberSequence,
    Channel,
    ComplainantKind,
    Contact,
    Inquiry,
    InquiryAction,
    InquiryChange,
    Person,
)
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Office,
    Reason,
    ReferralBody,
)


class StaleInquiry(Exception):
    """A save based on an older version of the inquiry than the one saved now: refused.

    Carries what the user needs to decide again: the version now saved and the changes made by
    others since the version the user started from, oldest first.
    """

    def __init__(
        self, *, inquiry: Inquiry, expected_version: int, changes: Sequence[InquiryChange]
    ) -> None:
        self.inquiry = inquiry
        self.current_version = inquiry.version
        self.expected_version = expected_version
        self.changes = list(changes)
        super().__init__(
            f"Inquiry {inquiry.pk} is at version {inquiry.version}, not {expected_version}."
        )


def _claim_version(inquiry: Inquiry, expected_version: int | None) -> int:
    """Lock the inquiry's row for this transaction and return the version saved now.

    With `expected_version` given, a different saved version means someone else saved the
    inquiry since the user read it: StaleInquiry, and nothing is written. The row lock (and on
    SQLite the IMMEDIATE transaction) makes the check and the save one step.
    """
    current = (
        Inquiry.objects.select_for_update()
        .filter(pk=inquiry.pk)
        .values_list("version", flat=True)
        .get()
    )
    if expected_version is not None and current != expected_version:
        fresh = Inquiry.objects.get(pk=inquiry.pk)
        raise StaleInquiry(
            inquiry=fresh,
            expected_version=expected_version,
            changes=_changes_since(fresh, versions=max(0, current - expected_version)),
        )
    return current


def _changes_since(inquiry: Inquiry, *, versions: int) -> list[InquiryChange]:
    """The change rows of the last `versions` saves: each save writes its rows at one moment."""
    if versions == 0:
        return []
    moments = list(
        inquiry.changes.order_by("-changed_at")
        .values_list("changed_at", flat=True)
        .distinct()[:versions]
    )
    if not moments:
        return []
    return list(
        inquiry.changes.filter(changed_at__gte=min(moments))
        .select_related("changed_by")
        .order_by("changed_at", "id")
    )


def _bump_version(inquiry: Inquiry, current: int, changes: Sequence[InquiryChange]) -> None:
    """A save that changed something raises the version by one; a save that changed nothing
    leaves it, so that it does not make another user's open form stale."""
    if changes:
        Inquiry.objects.filter(pk=inquiry.pk).update(version=current + 1)
        inquiry.version = current + 1
    else:
        inquiry.version = current


@dataclass(frozen=True)
class PersonData:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    cpr: str = ""  # as typed; checked and stored as ten digits by the services


@dataclass(frozen=True)
class Placement:
    """Where an inquiry belongs: an area, and a department unless the area has none."""

    area: Area
    department: Department | None = None


def case_number_next(*, received_date: datetime.date) -> str:
    """Draw the next case number of the received year in the office's journal format.

    Must run inside a transaction: the year's counter row is locked until it commits, so two
    registrations at once never get the same number.
    """
    sequence, _created = CaseNumberSequence.objects.select_for_update().get_or_create(
        year=received_date.year
    )
    while True:
        sequence.last += 1
        number = Office.load().case_number_pattern.format(
            year=received_date.year, yy=f"{received_date.year % 100:02d}", seq=sequence.last
        )
        # A number typed in by hand or imported may already hold this place in the sequence.
        if not Inquiry.objects.filter(case_number=number).exists():
            break
    sequence.save(update_fields=["last"])
    return number


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _check_placement(placement: Placement, *, on: datetime.date) -> None:
    area, department = placement.area, placement.department
    if not area.is_valid_on(on):
        raise ValidationError(
            {
                "department": _("%(area)s did not exist on %(date)s.")
                % {"area": area, "date": _date(on)}
            }
        )
    if department is None:
        if Department.objects.valid_on(on).filter(area=area).exists():
            raise ValidationError(
                {"department": _("Choose a department under %(area)s.") % {"area": area}}
            )
        return
    if department.area_id != area.pk:
        raise ValidationError(
            {
                "department": _("%(department)s is not under %(area)s.")
                % {"department": department, "area": area}
            }
        )
    if not department.is_valid_on(on):
        raise ValidationError(
            {
                "department": _("%(department)s did not exist on %(date)s.")
                % {"department": department, "date": _date(on)}
            }
        )


def _check_inquiry_fields(
    *,
    today: datetime.date,
    received_date: datetime.date,
    complainant_kind: str,
    has_person: bool,
    placements: Sequence[Placement],
    reasons: Sequence[Reason],
    referral_body: ReferralBody | None,
    channel: str,
) -> None:
    errors: dict[str, list[str]] = {}
    if received_date > today:
        errors.setdefault("received_date", []).append(_("The date received is in the future."))
    if channel not in Channel.values:
        errors.setdefault("channel", []).append(_("Choose how the citizen made contact."))
    if complainant_kind not in ComplainantKind.values:
        errors.setdefault("complainant_kind", []).append(_("Choose who made contact."))
    elif complainant_kind == ComplainantKind.ANONYMOUS and has_person:
        errors.setdefault("person_name", []).append(
            _("An anonymous inquiry stores no person. Remove the name and contact details.")
        )
    elif complainant_kind != ComplainantKind.ANONYMOUS and not has_person:
        errors.setdefault("person_name", []).append(
            _("Give the name of the person, or mark the inquiry as anonymous.")
        )
    if not placements:
        errors.setdefault("department", []).append(_("Choose the department it concerns."))
    if len(set(placements)) != len(placements):
        errors.setdefault("other_departments", []).append(_("The same department is chosen twice."))
    if not reasons:
        errors.setdefault("reasons", []).append(_("Choose at least one reason."))
    outside = [p for p in placements if p.area.kind == Area.Kind.OUTSIDE_COMPETENCE]
    if outside and referral_body is None:
        errors.setdefault("referral_body", []).append(
            _("Say where the citizen was referred, as the inquiry is outside competence.")
        )
    if referral_body is not None and not outside:
        errors.setdefault("referral_body", []).append(
            _("Only an inquiry outside competence is referred elsewhere.")
        )
    if errors:
        raise ValidationError(errors)
    for placement in placements:
        _check_placement(placement, on=received_date)


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
    _check_inquiry_fields(
        today=timezone.localdate(now),
        received_date=received_date,
        complainant_kind=complainant_kind,
        has_person=person is not None or new_person is not None,
        placements=placements,
        reasons=reasons,
        referral_body=referral_body,
        channel=channel,
    )
    if new_person is not None:
        person = Person(**new_person.__dict__)
        person.cpr = _cpr(new_person.cpr, now=now)
        person.full_clean()
        person.save()
        access_log_write(
            user=registered_by, event=AccessEvent.PERSON_REGISTERED, now=now, person_id=person.pk
        )
    group = uuid.uuid4() if len(placements) > 1 else None
    inquiries = []
    for placement in placements:
        inquiry = Inquiry(
            case_number=case_number_next(received_date=received_date),
            received_date=received_date,
            channel=channel,
            complainant_kind=complainant_kind,
            person=person,
            area=placement.area,
            department=placement.department,
            handling_type=handling_type,
            referral_body=referral_body
            if placement.area.kind == Area.Kind.OUTSIDE_COMPETENCE
            else None,
            summary=summary,
            advisor=advisor or registered_by,
            registration_group=group,
            created_by=registered_by,
        )
        inquiry.full_clean()
        inquiry.save()
        inquiry.reasons.set(reasons)
        Contact.objects.create(
            inquiry=inquiry,
            contact_date=received_date,
            kind=channel,
            note=contact_note,
            created_by=registered_by,
        )
        InquiryAction.objects.bulk_create(
            InquiryAction(inquiry=inquiry, action=action, action_date=received_date)
            for action in actions
        )
        access_log_write(
            user=registered_by,
            event=AccessEvent.INQUIRY_REGISTERED,
            now=now,
            inquiry_id=inquiry.pk,
            person_id=inquiry.person_id,
        )
        inquiries.append(inquiry)
    return inquiries


@transaction.atomic
def contact_register(
    *,
    inquiry: Inquiry,
    registered_by: User,
    now: datetime.datetime,
    contact_date: datetime.date,
    kind: str,
    note: str = "",
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
    contact = Contact.objects.create(
        inquiry=inquiry, contact_date=contact_date, kind=kind, note=note, created_by=registered_by
    )
    access_log_write(
        user=registered_by,
        event=AccessEvent.CONTACT_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return contact


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return _date(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


@transaction.atomic
def inquiry_update(
    *,
    inquiry: Inquiry,
    changed_by: User,
    now: datetime.datetime,
    received_date: datetime.date,
    channel: str,
    complainant_kind: str,
    placement: Placement,
    reasons: Sequence[Reason],
    handling_type: HandlingType,
    summary: str,
    status: str,
    closed_date: datetime.date | None,
    referral_body: ReferralBody | None = None,
    advisor: User | None = None,
    expected_version: int | None = None,
    person_cpr: str = "",
) -> list[InquiryChange]:
    """Change an inquiry and record who changed which field, from what, to what.

    `person_cpr`, when given, replaces the person's CPR number (checked, stored as ten digits;
    the change record shows it masked).

    The same rules as registration apply. Closing needs a closing date on or after the date
    received; reopening clears it. Returns the change rows written (none if nothing changed).
    With `expected_version` (the version the user's form was made from), a save over someone
    else's newer save is refused with StaleInquiry; a save that changes something raises the
    version by one.
    """
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    current = _claim_version(inquiry, expected_version)
    has_person = inquiry.person_id is not None
    if complainant_kind == ComplainantKind.ANONYMOUS and has_person:
        raise ValidationError(
            {
                "complainant_kind": _(
                    "This inquiry has a registered person and cannot be made anonymous here."
                )
            }
        )
    _check_inquiry_fields(
        today=timezone.localdate(now),
        received_date=received_date,
        complainant_kind=complainant_kind,
        has_person=has_person,
        placements=[placement],
        reasons=reasons,
        referral_body=referral_body,
        channel=channel,
    )
    _check_handling_follows_forwarding(inquiry, handling_type)
    if status == Inquiry.Status.CLOSED:
        if closed_date is None:
            raise ValidationError({"closed_date": _("Give the date the inquiry was closed.")})
        _check_closed_date(closed_date, received_date=received_date, now=now)
    else:
        closed_date = None
    if received_date != inquiry.received_date:
        _move_received_date(inquiry, received_date)
    cpr = _cpr(person_cpr, now=now) if inquiry.person is not None else ""

    before = _snapshot(inquiry)
    if cpr and inquiry.person is not None and cpr != inquiry.person.cpr:
        inquiry.person.cpr = cpr
        inquiry.person.save(update_fields=["cpr", "updated_at"])
    inquiry.received_date = received_date
    inquiry.channel = channel
    inquiry.complainant_kind = complainant_kind
    inquiry.area = placement.area
    inquiry.department = placement.department
    inquiry.handling_type = handling_type
    inquiry.summary = summary
    inquiry.status = status
    inquiry.closed_date = closed_date
    inquiry.referral_body = referral_body
    inquiry.advisor = advisor
    inquiry.version = current
    inquiry.full_clean()
    inquiry.save()
    inquiry.reasons.set(reasons)
    changes = _record_changes(inquiry, before=before, changed_by=changed_by, now=now)
    _bump_version(inquiry, current, changes)
    return changes


def _check_handling_follows_forwarding(inquiry: Inquiry, handling_type: HandlingType) -> None:
    """Sent to the administration, the inquiry is counted as what it was sent as: its handling
    cannot be changed to another kind here (the forwarding's own page changes the kind)."""
    if not inquiry.forwarded_as or handling_type.kind == inquiry.forwarded_as:
        return
    raise ValidationError(
        {
            "handling_type": ValidationError(
                _(
                    "The inquiry was sent to the administration as a %(kind)s, so that is its "
                    "handling. If the forwarding is of the wrong kind, change its kind on the "
                    "forwarding's page; the handling follows."
                )
                % {"kind": inquiry.get_forwarded_as_display().lower()},
                code="handling_follows_forwarding",
            )
        }
    )


@transaction.atomic
def inquiry_forwarded(
    *, inquiry: Inquiry, kind: str, changed_by: User, now: datetime.datetime
) -> HandlingType | None:
    """Record that the inquiry was sent to the administration as a dialogue case or a forwarded
    complaint; its main handling follows (one fact in every figure).

    A handling of another kind becomes the office's first handling type in use of this kind,
    written in the change record. Returns that new handling type, or None if the handling
    already agreed. Raises ValidationError when the office has no handling type of the kind.
    """
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    current = _claim_version(inquiry, None)
    handling = inquiry.handling_type
    if handling.kind != kind:
        found = (
            HandlingType.objects.active().filter(kind=kind).order_by("sort_order", "name").first()
        )
        if found is None:
            raise ValidationError(
                _(
                    "No handling type of the kind %(kind)s is in use. An administrator adds one "
                    "under Handling types."
                )
                % {"kind": HandlingType.Kind(kind).label.lower()}
            )
        handling = found
    before = _snapshot(inquiry)
    changed = handling != inquiry.handling_type
    inquiry.forwarded_as = kind
    inquiry.handling_type = handling
    inquiry.save(update_fields=["forwarded_as", "handling_type", "updated_at"])
    changes = _record_changes(inquiry, before=before, changed_by=changed_by, now=now)
    _bump_version(inquiry, current, changes)
    return handling if changed else None


def _check_closed_date(
    closed_date: datetime.date, *, received_date: datetime.date, now: datetime.datetime
) -> None:
    """An inquiry closes on a day between the day it was received and today."""
    if closed_date < received_date:
        raise ValidationError(
            {"closed_date": _("The inquiry cannot close before it was received.")}
        )
    if closed_date > timezone.localdate(now):
        raise ValidationError({"closed_date": _("The closing date is in the future.")})


def _move_received_date(inquiry: Inquiry, received_date: datetime.date) -> None:
    """The first contact is the inquiry being received: it moves with the date received.

    Refused when a later contact or a counted action would then lie before the inquiry.
    """
    first = inquiry.contacts.order_by("contact_date", "id").first()
    later_contacts = inquiry.contacts.exclude(pk=first.pk) if first else inquiry.contacts.all()
    earliest = min(
        (
            day
            for day in (
                later_contacts.order_by("contact_date")
                .values_list("contact_date", flat=True)
                .first(),
                inquiry.actions.order_by("action_date")
                .values_list("action_date", flat=True)
                .first(),
            )
            if day is not None
        ),
        default=None,
    )
    if earliest is not None and earliest < received_date:
        raise ValidationError(
            {
                "received_date": _(
                    "Contacts or counted actions on the inquiry are dated %(date)s, before the new "
                    "date received."
                )
                % {"date": _date(earliest)}
            }
        )
    if first is not None and first.contact_date == inquiry.received_date:
        first.contact_date = received_date
        first.save(update_fields=["contact_date"])


def _record_changes(
    inquiry: Inquiry, *, before: dict[str, object], changed_by: User, now: datetime.datetime
) -> list[InquiryChange]:
    """Write one change row per field that differs from `before`, and the access-log row."""
    after = _snapshot(inquiry)
    changes = [
        InquiryChange(
            inquiry=inquiry,
            changed_by=changed_by,
            changed_at=now,
            field=field,
            old_value=_display(before[field]),
            new_value=_display(after[field]),
        )
        for field in after
        if before[field] != after[field]
    ]
    InquiryChange.objects.bulk_create(changes)
    if changes:
        access_log_write(
            user=changed_by,
            event=AccessEvent.INQUIRY_CHANGED,
            now=now,
            inquiry_id=inquiry.pk,
            person_id=inquiry.person_id,
            detail=", ".join(change.field for change in changes),
        )
    return changes


@transaction.atomic
def inquiry_close(
    *,
    inquiry: Inquiry,
    closed_by: User,
    now: datetime.datetime,
    closed_date: datetime.date,
    expected_version: int | None = None,
) -> list[InquiryChange]:
    """Close an open inquiry on a date between its date received and today, and record it.

    Raises the version; refused with StaleInquiry if `expected_version` is given and old.
    """
    if not can_handle_inquiries(closed_by):
        raise PermissionDenied
    current = _claim_version(inquiry, expected_version)
    if inquiry.status == Inquiry.Status.CLOSED:
        raise ValidationError({"closed_date": _("The inquiry is already closed.")})
    _check_closed_date(closed_date, received_date=inquiry.received_date, now=now)
    before = _snapshot(inquiry)
    inquiry.status = Inquiry.Status.CLOSED
    inquiry.closed_date = closed_date
    inquiry.save(update_fields=["status", "closed_date", "updated_at"])
    changes = _record_changes(inquiry, before=before, changed_by=closed_by, now=now)
    _bump_version(inquiry, current, changes)
    return changes


@transaction.atomic
def inquiry_reopen(
    *,
    inquiry: Inquiry,
    reopened_by: User,
    now: datetime.datetime,
    expected_version: int | None = None,
) -> list[InquiryChange]:
    """Reopen a closed inquiry, e.g. to add a contact on the same subject (rule 2).

    Raises the version; refused with StaleInquiry if `expected_version` is given and old.
    """
    if not can_handle_inquiries(reopened_by):
        raise PermissionDenied
    current = _claim_version(inquiry, expected_version)
    if inquiry.status == Inquiry.Status.OPEN:
        raise ValidationError(_("The inquiry is already open."))
    before = _snapshot(inquiry)
    inquiry.status = Inquiry.Status.OPEN
    inquiry.closed_date = None
    inquiry.save(update_fields=["status", "closed_date", "updated_at"])
    changes = _record_changes(inquiry, before=before, changed_by=reopened_by, now=now)
    _bump_version(inquiry, current, changes)
    return changes


@transaction.atomic
def inquiry_action_add(
    *,
    inquiry: Inquiry,
    added_by: User,
    now: datetime.datetime,
    action: Action,
    action_date: datetime.date,
    note: str = "",
) -> InquiryAction:
    """Record a counted action on an inquiry: a meeting attended, help with a complaint, …

    Counted in the report beside the inquiry's main handling; several of the same kind count
    several times. Dated between the date received and today.
    """
    if not can_handle_inquiries(added_by):
        raise PermissionDenied
    if not action.is_active:
        raise ValidationError({"action": _("This action is no longer in use.")})
    if action_date < inquiry.received_date:
        raise ValidationError(
            {"action_date": _("The action is dated before the inquiry was received.")}
        )
    if action_date > timezone.localdate(now):
        raise ValidationError({"action_date": _("The date is in the future.")})
    inquiry_action = InquiryAction(
        inquiry=inquiry, action=action, action_date=action_date, note=note
    )
    inquiry_action.full_clean()
    inquiry_action.save()
    access_log_write(
        user=added_by,
        event=AccessEvent.COUNTED_ACTION_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return inquiry_action


def _snapshot(inquiry: Inquiry) -> dict[str, object]:
    """The inquiry's fields as a user reads them, keyed by field name.

    Choices are stored in the office's language, so the record reads the same to every user.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot_values(inquiry)


def _snapshot_values(inquiry: Inquiry) -> dict[str, object]:
    fields = [
        "received_date",
        "channel",
        "complainant_kind",
        "area",
        "department",
        "handling_type",
        "referral_body",
        "summary",
        "status",
        "closed_date",
        "advisor",
    ]
    snapshot: dict[str, object] = {}
    for name in fields:
        field = Inquiry._meta.get_field(name)
        value = getattr(inquiry, name)
        if getattr(field, "choices", None) and not field.is_relation:
            value = getattr(inquiry, f"get_{name}_display")()
        snapshot[name] = value
    snapshot["reasons"] = frozenset(reason.name for reason in inquiry.reasons.all())
    snapshot["person.cpr"] = _MaskedCpr(inquiry.person.cpr if inquiry.person else "")
    return snapshot


@dataclass(frozen=True)
class _MaskedCpr:
    """Compared in full, written to the change record masked: the record never holds a CPR."""

    number: str

    def __str__(self) -> str:
        return cpr_mask(self.number)


def _cpr(value: str, *, now: datetime.datetime) -> str:
    """The CPR number as ten digits, or a ValidationError on the registration form's field."""
    try:
        return cpr_normalise(value, today=timezone.localdate(now))
    except ValidationError as error:
        raise ValidationError({"person_cpr": error.messages}) from None


@transaction.atomic
def person_update_contact_details(
    *, person: Person, changed_by: User, now: datetime.datetime, details: PersonData
) -> bool:
    """Add or correct a known person's phone, e-mail, address and CPR number; empty values
    change nothing. The CPR number is checked and stored as ten digits.

    Returns whether anything changed. The name is kept: a different name is a different person.
    """
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    details = dataclasses.replace(details, cpr=_cpr(details.cpr, now=now))
    changed = [
        field
        for field in ("phone", "email", "address", "cpr")
        if getattr(details, field) and getattr(details, field) != getattr(person, field)
    ]
    for field in changed:
        setattr(person, field, getattr(details, field))
    if changed:
        person.full_clean()
        person.save(update_fields=[*changed, "updated_at"])
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
    """What one submission of the registration page became."""

    inquiries: list[Inquiry]
    repeat_contact: bool  # a contact on an existing inquiry, not a new inquiry


@transaction.atomic
def registration_submit(
    *,
    registered_by: User,
    now: datetime.datetime,
    received_date: datetime.date,
    channel: str,
    complainant_kind: str,
    person_data: PersonData | None,
    known_person: Person | None,
    repeat_of: Inquiry | None,
    placements: Sequence[Placement],
    reasons: Sequence[Reason],
    handling_type: HandlingType | None,
    summary: str,
    referral_body: ReferralBody | None,
    actions: Sequence[Action],
) -> Registration:
    """Register what the advisor typed on the registration page, by the registration rules.

    `repeat_of` set: the same person about the same subject, so a contact on that inquiry
    (rule 2), with the counted actions ticked; other departments are refused, as a contact
    belongs to one inquiry. `known_person` set: a new inquiry for a person already registered
    (rules 3 and 4). Otherwise new inquiries, one per department (rule 1), for a new person or
    none. Contact details typed for a known person are added to the person.
    """
    person = repeat_of.person if repeat_of is not None else known_person
    if person is not None and person_data is not None:
        person_update_contact_details(
            person=person, changed_by=registered_by, now=now, details=person_data
        )
    if repeat_of is not None:
        if len(placements) > 1:
            raise ValidationError(
                {
                    "other_departments": _(
                        "A repeat contact goes on one inquiry. Register the other departments "
                        "as a new inquiry."
                    )
                }
            )
        contact_register(
            inquiry=repeat_of,
            registered_by=registered_by,
            now=now,
            contact_date=received_date,
            kind=channel,
            note=summary,
        )
        for action in actions:
            inquiry_action_add(
                inquiry=repeat_of,
                added_by=registered_by,
                now=now,
                action=action,
                action_date=received_date,
            )
        return Registration(inquiries=[repeat_of], repeat_contact=True)
    if handling_type is None:
        raise ValidationError({"handling_type": _("Choose how the inquiry was handled.")})
    inquiries = inquiry_register(
        registered_by=registered_by,
        now=now,
        received_date=received_date,
        channel=channel,
        complainant_kind=complainant_kind,
        placements=placements,
        reasons=reasons,
        handling_type=handling_type,
        summary=summary,
        person=known_person,
        new_person=person_data if known_person is None else None,
        referral_body=referral_body,
        actions=actions,
    )
    return Registration(inquiries=inquiries, repeat_contact=False)
