"""The checks of one row of an inquiry import, column by column.

Each check adds what is wrong to `problems` (row, column, why) and returns what it could read,
or None, so that one pass over the file finds every error.
"""

import datetime

from django.utils.functional import Promise as StrPromise
from django.utils.translation import gettext as _

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.imports.checks import Names, Problems, date_parse, split_names, text
from borgerraadgiver.imports.lookups import Lookups
from borgerraadgiver.inquiries.models import Channel, ComplainantKind
from borgerraadgiver.inquiries.services.rules import (
    closed_date_problems,
    placement_problems,
    referral_problems,
    referred_by_problems,
)
from borgerraadgiver.organisation.models import (
    Area,
    Department,
    HandlingType,
    ReferralBody,
    ReferralSource,
)


def _date_text(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def place_check(
    look: Lookups, problems: Problems, number: int, record: dict, received: datetime.date | None
) -> tuple[Area | None, Department | None]:
    """The area and department, as they were on the day received."""
    area_name = text(record["area"])
    department_name = text(record["department"])
    if not area_name:
        problems.add(number, "area", _("The area is empty."))
        return None, None
    areas = look.areas.get(area_name)
    if not areas:
        problems.add(
            number,
            "area",
            _("“%(name)s” is not an area in the organisation.") % {"name": area_name},
        )
        return None, None
    if not department_name:
        return _area_without_department(look, problems, number, areas, received), None
    return _department_check(look, problems, number, areas, department_name, received)


def _area_without_department(
    look: Lookups,
    problems: Problems,
    number: int,
    areas: list[Area],
    received: datetime.date | None,
) -> Area | None:
    area = next((a for a in areas if received is None or a.is_valid_on(received)), areas[0])
    if received is None or _placement_refused(look, problems, number, area, None, received):
        return None if received is not None else area
    return area


def _placement_refused(
    look: Lookups,
    problems: Problems,
    number: int,
    area: Area,
    department: Department | None,
    received: datetime.date,
) -> bool:
    """The registration page's own placement rule (`placement_problems`), on the import's
    in-memory lists; True when it refuses the row."""
    found = placement_problems(
        area,
        department,
        on=received,
        departments_of_area=look.by_area.get(area.pk, []),
        date_text=_date_text,
    )
    for problem in found:
        problems.add(number, problem.field, problem.message)
    return bool(found)


def _department_check(
    look: Lookups,
    problems: Problems,
    number: int,
    areas: list[Area],
    department_name: str,
    received: datetime.date | None,
) -> tuple[Area | None, Department | None]:
    found = look.departments.get(department_name)
    if not found:
        problems.add(
            number,
            "department",
            _("“%(name)s” is not a department in the organisation.") % {"name": department_name},
        )
        return None, None
    area_ids = {a.pk for a in areas}
    in_area = [d for d in found if d.area_id in area_ids]
    if not in_area:
        problems.add(
            number,
            "department",
            _("%(department)s is not under %(area)s, but under %(other)s.")
            % {"department": found[0].name, "area": areas[0].name, "other": found[0].area.name},
        )
        return None, None
    if received is None:
        return in_area[0].area, in_area[0]
    # Of departments with the same name (renamed and back), the one that existed that day.
    department = next((d for d in in_area if d.is_valid_on(received)), in_area[0])
    if _placement_refused(look, problems, number, department.area, department, received):
        return None, None
    return department.area, department


def referral_check(
    look: Lookups, problems: Problems, number: int, record: dict, area: Area | None
) -> ReferralBody | None:
    """Where an inquiry outside competence was referred (column `referred_to`): the
    registration page's rule when the column is there; a warning when the file has none."""
    if "referred_to" not in record:
        if area is not None and area.kind == Area.Kind.OUTSIDE_COMPETENCE:
            problems.warn(
                number,
                "area",
                _(
                    "Outside competence, but the file has no column referred_to: the inquiry is "
                    "imported without saying where the citizen was referred."
                ),
            )
        return None
    name = text(record["referred_to"])
    body = look.referral_bodies.first(name) if name else None
    if name and body is None:
        problems.add(
            number,
            "referred_to",
            _("“%(name)s” is not a referral body in the list.") % {"name": name},
        )
        return None
    if area is not None:
        for problem in referral_problems(area, body):
            problems.add(number, "referred_to", problem.message)
    return body


def referred_by_check(
    look: Lookups, problems: Problems, number: int, record: dict
) -> ReferralSource | None:
    """Who referred the citizen (optional column `referred_by`), by the registration rule."""
    name = text(record.get("referred_by") or "")
    if not name:
        return None
    source = look.referral_sources.first(name)
    if source is None:
        problems.add(
            number,
            "referred_by",
            _("“%(name)s” is not in the list of where citizens come from.") % {"name": name},
        )
        return None
    for problem in referred_by_problems(source, earlier_year=True):
        problems.add(number, "referred_by", problem.message)
    return source


def names_check(
    names: Names,
    problems: Problems,
    number: int,
    column: str,
    value: object,
    message: StrPromise,
) -> tuple[int, ...]:
    """The ids of the `;`-separated names in the list, each once."""
    ids: list[int] = []
    for name in split_names(value):  # type: ignore[arg-type]
        item = names.first(name)
        if item is None:
            problems.add(number, column, str(message) % {"name": name})
        elif item.pk not in ids:
            ids.append(item.pk)
    return tuple(ids)


def handling_check(
    look: Lookups, problems: Problems, number: int, record: dict
) -> HandlingType | None:
    name = text(record["handling"])
    if not name:
        problems.add(number, "handling", _("The handling is empty."))
        return None
    handling = look.handling.first(name)
    if handling is None:
        problems.add(
            number,
            "handling",
            _("“%(name)s” is not a handling type in the list.") % {"name": name},
        )
    return handling


def kinds_check(
    look: Lookups, problems: Problems, number: int, record: dict
) -> tuple[str | None, str | None]:
    """The channel and the kind of complainant, by code or by label in English or Danish."""
    channel = look.channels.get(text(record["channel"]).casefold())
    if channel is None:
        problems.add(
            number,
            "channel",
            _("“%(value)s” is not a channel. Write one of: %(choices)s.")
            % {"value": text(record["channel"]), "choices": ", ".join(Channel.values)},
        )
    complainant = look.complainants.get(text(record["complainant"]).casefold())
    if complainant is None:
        problems.add(
            number,
            "complainant",
            _("“%(value)s” is not a kind of complainant. Write one of: %(choices)s.")
            % {
                "value": text(record["complainant"]),
                "choices": ", ".join(ComplainantKind.values),
            },
        )
    return channel, complainant


def forwarding_check(
    look: Lookups,
    problems: Problems,
    number: int,
    record: dict,
    *,
    received: datetime.date | None,
    closed: datetime.date | None,
    department: Department | None,
    handling: HandlingType | None,
    today: datetime.date,
) -> tuple[datetime.date | None, datetime.date | None, datetime.date | None, str]:
    """The dates forwarded, of the deadline (by default three weeks on the Danish calendar) and
    answered, and the kind of forwarding its handling makes it."""
    forwarded = date_parse(
        problems, number, "forwarded_date", record["forwarded_date"], required=False
    )
    deadline = date_parse(
        problems, number, "deadline_date", record["deadline_date"], required=False
    )
    answered = date_parse(
        problems, number, "answered_date", record["answered_date"], required=False
    )
    if forwarded is None:
        for column, value in (("deadline_date", deadline), ("answered_date", answered)):
            if value is not None:
                problems.add(number, column, _("Only a forwarded inquiry has this date."))
        if handling is not None and handling.kind in Forwarding.Kind.values:
            problems.warn(
                number,
                "forwarded_date",
                _(
                    "Handled as a %(handling)s, but with no forwarded date: the forwarding "
                    "figures will not count it."
                )
                % {"handling": handling.name.lower()},
            )
        return None, None, None, Forwarding.Kind.FORWARDED
    if received and forwarded < received:
        problems.add(
            number, "forwarded_date", _("The inquiry is forwarded before it was received.")
        )
    if forwarded > today:
        problems.add(number, "forwarded_date", _("The date is in the future."))
    # Without a department it goes to the area's own management (management level).
    kind = _forwarding_kind(problems, number, handling)
    if deadline is None:
        deadline = look.deadline(forwarded)
    elif deadline < forwarded:
        problems.add(
            number, "deadline_date", _("The deadline is before the inquiry was forwarded.")
        )
    if answered is not None:
        _answered_check(problems, number, answered, forwarded=forwarded, today=today)
    return forwarded, deadline, answered, kind


def _forwarding_kind(problems: Problems, number: int, handling: HandlingType | None) -> str:
    """A dialogue case or a forwarded complaint, by the handling; no other handling forwards."""
    if handling is None or handling.kind == HandlingType.Kind.FORWARDED:
        return Forwarding.Kind.FORWARDED
    if handling.kind == HandlingType.Kind.DIALOGUE:
        return Forwarding.Kind.DIALOGUE
    problems.add(
        number,
        "forwarded_date",
        _(
            "Only a dialogue case or a forwarded complaint is forwarded; the handling "
            "is %(handling)s."
        )
        % {"handling": handling.name},
    )
    return Forwarding.Kind.FORWARDED


def _answered_check(
    problems: Problems,
    number: int,
    answered: datetime.date,
    *,
    forwarded: datetime.date,
    today: datetime.date,
) -> None:
    """An answer comes after the forwarding and not in the future. It may come after the
    advisor closed the inquiry: a forwarded complaint is closed once sent, and the
    department's copy of the answer comes later."""
    if answered < forwarded:
        problems.add(
            number,
            "answered_date",
            _("The answer is dated before the inquiry was forwarded."),
        )
    if answered > today:
        problems.add(number, "answered_date", _("The date is in the future."))


def closed_check(
    problems: Problems,
    number: int,
    record: dict,
    *,
    received: datetime.date | None,
    today: datetime.date,
) -> datetime.date | None:
    """The closing date, by the registration page's own rule (`closed_date_problems`)."""
    closed = date_parse(problems, number, "closed_date", record["closed_date"], required=False)
    if closed is not None and received is not None:
        found = closed_date_problems(closed, received=received, today=today, date_text=_date_text)
        for problem in found:
            problems.add(number, problem.field, problem.message)
    return closed
