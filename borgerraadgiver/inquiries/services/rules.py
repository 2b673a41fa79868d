"""The checks that registering and editing an inquiry share.

Where an inquiry may belong on the day it was received, what every inquiry must hold, and the CPR
number as the register stores it. Each refusal is a ValidationError keyed by the form field it
concerns, so that the page can show it next to that field.
"""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from borgerraadgiver.inquiries.cpr import cpr_normalise
from borgerraadgiver.inquiries.models import Channel, ComplainantKind
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.organisation.models import Area, Department, Reason, ReferralBody


def short_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def check_inquiry_fields(
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
    """What every inquiry must hold, registered or edited; each placement valid when received."""
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


def _check_placement(placement: Placement, *, on: datetime.date) -> None:
    area, department = placement.area, placement.department
    if not area.is_valid_on(on):
        raise ValidationError(
            {
                "department": _("%(area)s did not exist on %(date)s.")
                % {"area": area, "date": short_date(on)}
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
                % {"department": department, "date": short_date(on)}
            }
        )


def cpr_checked(value: str, *, now: datetime.datetime) -> str:
    """The CPR number as ten digits, or a ValidationError on the registration form's field."""
    try:
        return cpr_normalise(value, today=timezone.localdate(now))
    except ValidationError as error:
        raise ValidationError({"person_cpr": error.messages}) from None
