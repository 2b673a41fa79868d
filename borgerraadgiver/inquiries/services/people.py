"""Keeping a person's record right: correcting their details, and merging two records of the
same person into one.

**Two users at once.** `Person.version` rises with every correction or merge that changes the
record. A correction given `expected_version` (the version its form was made from) locks the row
and refuses a save based on an older version with `StalePerson`, carrying the changes made since,
as the inquiry's edit page does (`services.editing`).
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.inquiries.cpr import cpr_mask, cpr_normalise
from borgerraadgiver.inquiries.models import Inquiry, Person, PersonChange, PersonMerge
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.person_models import PERSON_FIELDS

MERGE_DIFFERENT_CPR = gettext_lazy(
    "The two records have different CPR numbers, so they are not the same person. Correct the "
    "wrong CPR number first if one of them is a mistake."
)
MERGE_SAME_RECORD = gettext_lazy("Choose another record than the one kept.")
NAME_REQUIRED = gettext_lazy("Give the person's name.")


class StalePerson(Exception):
    """A correction based on an older version of the person than the one saved now: refused."""

    def __init__(
        self, *, person: Person, expected_version: int, changes: Sequence[PersonChange]
    ) -> None:
        self.person = person
        self.current_version = person.version
        self.expected_version = expected_version
        self.changes = list(changes)
        super().__init__(
            f"Person {person.pk} is at version {person.version}, not {expected_version}."
        )


def _claim_version(person: Person, expected_version: int | None) -> int:
    """Lock the person's row and return the version saved now; StalePerson if it moved on."""
    current = (
        Person.objects.select_for_update()
        .filter(pk=person.pk)
        .values_list("version", flat=True)
        .get()
    )
    if expected_version is not None and current != expected_version:
        fresh = Person.objects.get(pk=person.pk)
        raise StalePerson(
            person=fresh,
            expected_version=expected_version,
            changes=list(
                fresh.changes.filter(version__gt=expected_version)
                .select_related("changed_by")
                .order_by("changed_at", "id")
            ),
        )
    return current


def _shown(field: str, value: str | bool) -> str:
    """A value as the change record keeps it: a CPR number masked, never whole; a yes or no."""
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return cpr_mask(value) if field == "cpr" else value


def person_snapshot(person: Person) -> dict[str, str | bool]:
    return {field: getattr(person, field) for field in PERSON_FIELDS}


def person_changes_record(
    person: Person,
    before: dict[str, str | bool],
    *,
    current: int | None = None,
    changed_by: User,
    now: datetime.datetime,
) -> list[PersonChange]:
    """One change row per field that differs from `before` (`person_snapshot`); a change
    raises the version from `current` (the version claimed, else the one read)."""
    if current is None:
        current = person.version
    changes = [
        PersonChange(
            person=person,
            changed_by=changed_by,
            changed_at=now,
            version=current + 1,
            field=field,
            old_value=_shown(field, before[field]),
            new_value=_shown(field, getattr(person, field)),
        )
        for field in PERSON_FIELDS
        if before[field] != getattr(person, field)
    ]
    person.version = current + 1 if changes else current
    if changes:
        Person.objects.filter(pk=person.pk).update(version=person.version)
        PersonChange.objects.bulk_create(changes)
    return changes


@transaction.atomic
def person_correct(
    *,
    person: Person,
    changed_by: User,
    now: datetime.datetime,
    name: str,
    phone: str = "",
    email: str = "",
    address: str = "",
    cpr: str = "",
    cpr_remove: bool = False,
    letters_by_email: bool | None = None,
    expected_version: int | None = None,
) -> list[PersonChange]:
    """Correct a person's name, phone, e-mail, address or CPR number, and record who changed
    which, when, from what, to what (a CPR number masked). A CPR number typed replaces the one
    held (checked by `inquiries.cpr`); none typed keeps it unless `cpr_remove`. The consent to
    letters by e-mail is kept when `letters_by_email` is None. Logged as a change of the
    person. Returns the change rows (none if nothing changed)."""
    if not can_handle_inquiries(changed_by):
        raise PermissionDenied
    current = _claim_version(person, expected_version)
    if not name.strip():
        raise ValidationError({"name": NAME_REQUIRED})
    try:
        number = cpr_normalise(cpr, today=now.date())
    except ValidationError as error:
        raise ValidationError({"cpr": error.messages}) from None
    before = person_snapshot(person)
    person.name, person.phone = name.strip(), phone.strip()
    person.email, person.address = email.strip(), address.strip()
    if number:
        person.cpr = number
    elif cpr_remove:
        person.cpr = ""
    if letters_by_email is not None:
        person.letters_by_email = letters_by_email
    person.full_clean(exclude=["version"])
    person.save(update_fields=[*PERSON_FIELDS, "updated_at"])
    changes = person_changes_record(person, before, current=current, changed_by=changed_by, now=now)
    if changes:
        access_log_write(
            user=changed_by,
            event=AccessEvent.PERSON_CHANGED,
            now=now,
            person_id=person.pk,
            detail=", ".join(change.field for change in changes),
        )
    return changes


@transaction.atomic
def person_merge(
    *, kept: Person, merged: Person, merged_by: User, now: datetime.datetime
) -> PersonMerge:
    """Make two records of the same person one: `merged` goes into `kept`.

    Refused when both hold a CPR number and they differ. Every inquiry of the merged record
    moves to the kept one, and with them their consents, declines, forwardings and web-form
    messages (they belong to the inquiries). The merged record's corrections and earlier merges
    move too; details the kept record lacks are taken from it (recorded as corrections). The
    merge is recorded with the merged record's details (its CPR number masked) and its id, under
    which the access log's rows stay findable; it is logged for both records and every inquiry
    moved. The merged record is then deleted.
    """
    if not can_handle_inquiries(merged_by):
        raise PermissionDenied
    if kept.pk == merged.pk:
        raise ValidationError({"merged": MERGE_SAME_RECORD})
    current = _claim_version(kept, None)
    _claim_version(merged, None)
    kept.refresh_from_db()
    merged.refresh_from_db()
    if kept.cpr and merged.cpr and kept.cpr != merged.cpr:
        raise ValidationError({"merged": MERGE_DIFFERENT_CPR})
    moved = list(Inquiry.objects.filter(person=merged).values_list("pk", flat=True))
    Inquiry.objects.filter(pk__in=moved).update(person=kept, updated_at=now)
    PersonChange.objects.filter(person=merged).update(person=kept)
    PersonMerge.objects.filter(kept=merged).update(kept=kept)
    before = person_snapshot(kept)
    for field in PERSON_FIELDS:
        if not getattr(kept, field):
            setattr(kept, field, getattr(merged, field))
    kept.save(update_fields=[*PERSON_FIELDS, "updated_at"])
    person_changes_record(kept, before, current=current, changed_by=merged_by, now=now)
    # The record changed (its inquiries, at least): a correction form opened before is stale.
    Person.objects.filter(pk=kept.pk).update(version=current + 1)
    kept.version = current + 1
    record = PersonMerge.objects.create(
        kept=kept,
        merged_person_id=merged.pk,
        merged_by=merged_by,
        merged_at=now,
        name=merged.name,
        phone=merged.phone,
        email=merged.email,
        address=merged.address,
        cpr_masked=cpr_mask(merged.cpr),
        inquiries_moved=len(moved),
    )
    merged_id = merged.pk
    merged.delete()
    access_log_write_many(
        user=merged_by,
        event=AccessEvent.PERSONS_MERGED,
        now=now,
        inquiries=[(None, kept.pk), (None, merged_id), *((pk, kept.pk) for pk in moved)],
        detail=f"{merged_id} → {kept.pk}",
    )
    return record
