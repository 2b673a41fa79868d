"""The change record: one `InquiryChange` per changed field (who, when, field, before, after).

Values are written as a user reads them, in the office's language, so that the record reads the
same to everyone; a CPR number only ever masked.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.inquiries.cpr import cpr_mask
from borgerraadgiver.inquiries.models import Inquiry, InquiryChange
from borgerraadgiver.inquiries.services.rules import short_date

SNAPSHOT_FIELDS = (
    "received_date",
    "channel",
    "complainant_kind",
    "area",
    "department",
    "handling_type",
    "referral_body",
    "referred_by",
    "summary",
    "status",
    "closed_date",
    "follow_up_date",
    "advisor",
)


def snapshot(inquiry: Inquiry) -> dict[str, object]:
    """The inquiry's fields as a user reads them, keyed by field name.

    Choices are stored in the office's language, so the record reads the same to every user.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _snapshot_values(inquiry)


def _snapshot_values(inquiry: Inquiry) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in SNAPSHOT_FIELDS:
        field = Inquiry._meta.get_field(name)
        value = getattr(inquiry, name)
        if getattr(field, "choices", None) and not field.is_relation:
            value = getattr(inquiry, f"get_{name}_display")()
        values[name] = value
    values["reasons"] = frozenset(reason.name for reason in inquiry.reasons.all())
    values["person.cpr"] = _MaskedCpr(inquiry.person.cpr if inquiry.person else "")
    return values


@dataclass(frozen=True)
class _MaskedCpr:
    """Compared in full, written to the change record masked: the record never holds a CPR."""

    number: str

    def __str__(self) -> str:
        return cpr_mask(self.number)


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(item) for item in value))
    return str(value)


def changes_record(
    inquiry: Inquiry, *, before: dict[str, object], changed_by: User, now: datetime.datetime
) -> list[InquiryChange]:
    """Write one change row per field that differs from `before`, and the access-log row."""
    after = snapshot(inquiry)
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


def changes_since(inquiry: Inquiry, *, versions: int) -> list[InquiryChange]:
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
