"""Changing a registered inquiry: editing, closing and reopening it, and its handling following a
forwarding (`inquiry_forwarded`).

**Two users at once.** `Inquiry.version` rises by one with every save of `inquiry_update`,
`inquiry_close`, `inquiry_reopen` and `inquiry_forwarded` that changes something. Given
`expected_version` (the version the user's form was made from), they lock the inquiry's row and
refuse a save based on an older version with `StaleInquiry`, which carries the version saved now
and the other users' changes since. Nothing is ever overwritten silently, and a save that changed
nothing does not make a colleague's open form stale.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.inquiries.models import (
    ComplainantKind,
    Inquiry,
    InquiryChange,
    Person,
)
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services.change_record import (
    changes_record,
    changes_since,
    snapshot,
)
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.inquiries.services.rules import (
    check_inquiry_fields,
    closed_date_problems,
    cpr_checked,
    referred_by_checked,
    short_date,
)
from borgerraadgiver.organisation.models import HandlingType, Reason, ReferralBody, ReferralSource


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


def _claim_version(
    inquiry: Inquiry, expected_version: int | None, *, person_first: bool = False
) -> int:
    """Lock the inquiry's row for this transaction and return the version saved now.

    `person_first`: lock its person's row before it, when the person may be changed too. A
    correction of the person locks the person and then, on PostgreSQL, rewrites the search
    text of each of their inquiries (migration inquiries/0014): the opposite order could
    deadlock against it.

    With `expected_version` given, a different saved version means someone else saved the
    inquiry since the user read it: StaleInquiry, and nothing is written. The row lock (and on
    SQLite the IMMEDIATE transaction) makes the check and the save one step.
    """
    if person_first and inquiry.person_id is not None:
        list(Person.objects.select_for_update().filter(pk=inquiry.person_id).values_list("pk"))
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
            changes=changes_since(fresh, versions=max(0, current - expected_version)),
        )
    return current


def _record_and_bump_version(
    inquiry: Inquiry,
    current: int,
    *,
    before: dict[str, object],
    changed_by: User,
    now: datetime.datetime,
) -> list[InquiryChange]:
    """Record the changes since `before`. A save that changed something raises the version by
    one; a save that changed nothing leaves it, so that it does not make another user's open form
    stale."""
    changes = changes_record(inquiry, before=before, changed_by=changed_by, now=now)
    if changes:
        Inquiry.objects.filter(pk=inquiry.pk).update(version=current + 1)
        inquiry.version = current + 1
    else:
        inquiry.version = current
    return changes


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
    referred_by: ReferralSource | None = None,
) -> list[InquiryChange]:
    """Change an inquiry by the same rules as registration, and record who changed which field,
    from what, to what. Returns the change rows written (none if nothing changed).

    Closing needs a closing date on or after the date received; reopening clears it; the handling
    of an inquiry sent to the administration follows its forwarding. `person_cpr` replaces the
    person's CPR number when given (ten digits, recorded masked). Versions: see the module.
    """
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    current = _claim_version(inquiry, expected_version, person_first=bool(person_cpr))
    closed_date = _check_update(
        inquiry,
        now=now,
        received_date=received_date,
        channel=channel,
        complainant_kind=complainant_kind,
        placement=placement,
        reasons=reasons,
        handling_type=handling_type,
        referral_body=referral_body,
        status=status,
        closed_date=closed_date,
    )
    referred_by_checked(referred_by, kept_id=inquiry.referred_by_id)
    _move_received_date(inquiry, received_date)
    cpr = cpr_checked(person_cpr, now=now) if inquiry.person is not None else ""
    before = snapshot(inquiry)
    _person_cpr_replace(inquiry.person, cpr)
    inquiry.received_date, inquiry.channel = received_date, channel
    inquiry.complainant_kind = complainant_kind
    inquiry.area, inquiry.department = placement.area, placement.department
    inquiry.handling_type, inquiry.summary = handling_type, summary
    inquiry.status, inquiry.closed_date = status, closed_date
    inquiry.referral_body, inquiry.referred_by = referral_body, referred_by
    inquiry.advisor = advisor
    inquiry.version = current
    inquiry.full_clean()
    inquiry.save()
    inquiry.reasons.set(reasons)
    return _record_and_bump_version(inquiry, current, before=before, changed_by=changed_by, now=now)


def _check_update(
    inquiry: Inquiry,
    *,
    now: datetime.datetime,
    received_date: datetime.date,
    channel: str,
    complainant_kind: str,
    placement: Placement,
    reasons: Sequence[Reason],
    handling_type: HandlingType,
    referral_body: ReferralBody | None,
    status: str,
    closed_date: datetime.date | None,
) -> datetime.date | None:
    """Refuse a change that breaks the rules; the closing date the inquiry gets (none if open)."""
    has_person = inquiry.person_id is not None
    if complainant_kind == ComplainantKind.ANONYMOUS and has_person:
        raise ValidationError(
            {
                "complainant_kind": _(
                    "This inquiry has a registered person and cannot be made anonymous here."
                )
            }
        )
    check_inquiry_fields(
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
    if status != Inquiry.Status.CLOSED:
        return None
    if closed_date is None:
        raise ValidationError({"closed_date": _("Give the date the inquiry was closed.")})
    _check_closed_date(closed_date, received_date=received_date, now=now)
    return closed_date


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
    before = snapshot(inquiry)
    changed = handling != inquiry.handling_type
    inquiry.forwarded_as = kind
    inquiry.handling_type = handling
    inquiry.save(update_fields=["forwarded_as", "handling_type", "updated_at"])
    _record_and_bump_version(inquiry, current, before=before, changed_by=changed_by, now=now)
    return handling if changed else None


def _person_cpr_replace(person: Person | None, cpr: str) -> None:
    """A CPR number typed on the edit form replaces the person's; none typed keeps it."""
    if cpr and person is not None and cpr != person.cpr:
        person.cpr = cpr
        person.save(update_fields=["cpr", "updated_at"])


def _check_closed_date(
    closed_date: datetime.date, *, received_date: datetime.date, now: datetime.datetime
) -> None:
    """An inquiry closes on a day between the day it was received and today."""
    problems = closed_date_problems(
        closed_date, received=received_date, today=timezone.localdate(now)
    )
    if problems:
        raise ValidationError({problem.field: problem.message for problem in problems})


def _move_received_date(inquiry: Inquiry, received_date: datetime.date) -> None:
    """The first contact is the inquiry being received: it moves with the date received.

    Refused when a later contact or a counted action would then lie before the inquiry.
    """
    if received_date == inquiry.received_date:
        return
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
                % {"date": short_date(earliest)}
            }
        )
    if first is not None and first.contact_date == inquiry.received_date:
        first.contact_date = received_date
        first.save(update_fields=["contact_date"])


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
    before = snapshot(inquiry)
    inquiry.status = Inquiry.Status.CLOSED
    inquiry.closed_date = closed_date
    inquiry.save(update_fields=["status", "closed_date", "updated_at"])
    return _record_and_bump_version(inquiry, current, before=before, changed_by=closed_by, now=now)


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
    before = snapshot(inquiry)
    inquiry.status = Inquiry.Status.OPEN
    inquiry.closed_date = None
    inquiry.save(update_fields=["status", "closed_date", "updated_at"])
    return _record_and_bump_version(
        inquiry, current, before=before, changed_by=reopened_by, now=now
    )
