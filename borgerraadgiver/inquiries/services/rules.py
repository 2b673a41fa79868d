"""The checks that registering and editing an inquiry share.

Where an inquiry may belong on the day it was received, what every inquiry must hold, and the CPR
number as the register stores it. Each refusal is a ValidationError keyed by the form field it
concerns, so that the page can show it next to that field.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from borgerraadgiver.inquiries.cpr import cpr_normalise
from borgerraadgiver.inquiries.models import Channel, ComplainantKind
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.organisation.models import (
    Area,
    Department,
    Reason,
    ReferralBody,
    ReferralSource,
)


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
    if placements:
        # Of linked inquiries, the one outside competence is the one referred elsewhere.
        referred = next(
            (p.area for p in placements if p.area.kind == Area.Kind.OUTSIDE_COMPETENCE),
            placements[0].area,
        )
        for problem in referral_problems(referred, referral_body):
            errors.setdefault(problem.field, []).append(problem.message)
    if errors:
        raise ValidationError(errors)
    for placement in placements:
        _check_placement(placement, on=received_date)


@dataclass(frozen=True)
class Problem:
    """One broken rule: the field (or import column) it concerns and why, in the user's words."""

    field: str
    message: str


DateText = Callable[[datetime.date], str]


def placement_problems(
    area: Area,
    department: Department | None,
    *,
    on: datetime.date,
    departments_of_area: Iterable[Department],
    date_text: DateText = short_date,
) -> list[Problem]:
    """Where an inquiry may belong on the day it was received: an area that existed that day,
    and one of its departments that existed then, unless the area had none that day.

    The one rule for the registration page, the API and the import of earlier years; the caller
    gives the area's departments (the import has them in memory for 100,000 rows).
    """
    if not area.is_valid_on(on):
        return [
            Problem(
                "area",
                _("%(area)s did not exist on %(date)s.") % {"area": area, "date": date_text(on)},
            )
        ]
    if department is None:
        if any(d.is_valid_on(on) for d in departments_of_area):
            return [
                Problem(
                    "department",
                    _("The department is empty, but %(area)s has departments: choose one of them.")
                    % {"area": area},
                )
            ]
        return []
    if department.area_id != area.pk:
        return [
            Problem(
                "department",
                _("%(department)s is not under %(area)s.")
                % {"department": department, "area": area},
            )
        ]
    if not department.is_valid_on(on):
        return [
            Problem(
                "department",
                _("%(department)s did not exist on %(date)s.")
                % {"department": department, "date": date_text(on)},
            )
        ]
    return []


def closed_date_problems(
    closed: datetime.date,
    *,
    received: datetime.date,
    today: datetime.date,
    date_text: DateText = short_date,
) -> list[Problem]:
    """An inquiry closes on a day between the day it was received and today."""
    if closed < received:
        return [Problem("closed_date", _("The inquiry is closed before it was received."))]
    if closed > today:
        return [Problem("closed_date", _("The closing date is in the future."))]
    return []


def referral_problems(area: Area, referral_body: ReferralBody | None) -> list[Problem]:
    """An inquiry outside competence says where the citizen was referred; no other does."""
    outside = area.kind == Area.Kind.OUTSIDE_COMPETENCE
    if outside and referral_body is None:
        return [
            Problem(
                "referral_body",
                _("Say where the citizen was referred, as the inquiry is outside competence."),
            )
        ]
    if referral_body is not None and not outside:
        return [
            Problem("referral_body", _("Only an inquiry outside competence is referred elsewhere."))
        ]
    return []


REFERRED_BY_RETIRED = _(
    "“%(name)s” is no longer in the list of where citizens come from: choose another, or none."
)


def referred_by_problems(
    source: ReferralSource | None, *, kept_id: int | None = None, earlier_year: bool = False
) -> list[Problem]:
    """Who referred the citizen (optional): an entry of the office's list in use, or the one the
    inquiry already has (a retired entry stays on the inquiries that have it); an import of
    earlier years (`earlier_year`) may name a retired one, as it may a retired reason. The
    registration page, the edit page, the API and the import all ask this."""
    if source is None or source.is_active or source.pk == kept_id or earlier_year:
        return []
    return [Problem("referred_by", REFERRED_BY_RETIRED % {"name": source.name})]


def referred_by_checked(source: ReferralSource | None, *, kept_id: int | None = None) -> None:
    """`referred_by_problems` as a ValidationError keyed `referred_by`."""
    problems = referred_by_problems(source, kept_id=kept_id)
    if problems:
        raise ValidationError({p.field: p.message for p in problems})


def _check_placement(placement: Placement, *, on: datetime.date) -> None:
    """The placement rule on one form: every problem is shown by the department field."""
    problems = placement_problems(
        placement.area,
        placement.department,
        on=on,
        departments_of_area=Department.objects.filter(area=placement.area)
        if placement.department is None
        else (),
    )
    if problems:
        raise ValidationError({"department": [problem.message for problem in problems]})


def cpr_checked(value: str, *, now: datetime.datetime) -> str:
    """The CPR number as ten digits, or a ValidationError on the registration form's field."""
    try:
        return cpr_normalise(value, today=timezone.localdate(now))
    except ValidationError as error:
        raise ValidationError({"person_cpr": error.messages}) from None
