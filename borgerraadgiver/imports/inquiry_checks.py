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
from borgerraadgiver.organisation.models import Area, Department, HandlingType


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
    area = next((a for a in areas if received is None or a.is_valid_on(received)), None)
    if area is None:
        problems.add(
            number,
            "area",
            _("%(area)s did not exist on %(date)s.")
            % {"area": areas[0].name, "date": _date_text(received)},
        )
        return None
    if received and any(d.is_valid_on(received) for d in look.by_area.get(area.pk, [])):
        problems.add(
            number,
            "department",
            _("The department is empty, but %(area)s has departments.") % {"area": area.name},
        )
        return None
    return area


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
    return _department_on(problems, number, in_area, received)


def _department_on(
    problems: Problems, number: int, in_area: list[Department], received: datetime.date
) -> tuple[Area | None, Department | None]:
    """The department valid on the day received, under an area valid that day."""
    valid = [d for d in in_area if d.is_valid_on(received)]
    if not valid:
        department = in_area[0]
        problems.add(
            number,
            "department",
            _("%(department)s did not exist on %(date)s (valid %(start)s to %(end)s).")
            % {
                "department": department.name,
                "date": _date_text(received),
                "start": _date_text(department.valid_from) or "…",
                "end": _date_text(department.valid_to) or "…",
            },
        )
        return None, None
    department = valid[0]
    if not department.area.is_valid_on(received):
        problems.add(
            number,
            "area",
            _("%(area)s did not exist on %(date)s.")
            % {"area": department.area.name, "date": _date_text(received)},
        )
        return None, None
    return department.area, department


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
        return None, None, None, Forwarding.Kind.FORWARDED
    if received and forwarded < received:
        problems.add(
            number, "forwarded_date", _("The inquiry is forwarded before it was received.")
        )
    if forwarded > today:
        problems.add(number, "forwarded_date", _("The date is in the future."))
    kind = _forwarding_kind(problems, number, handling)
    if department is None and text(record["department"]) == "":
        problems.add(number, "forwarded_date", _("A forwarding goes to a department; give one."))
    if deadline is None:
        deadline = look.deadline(forwarded)
    elif deadline < forwarded:
        problems.add(
            number, "deadline_date", _("The deadline is before the inquiry was forwarded.")
        )
    if answered is not None:
        _answered_check(problems, number, answered, forwarded=forwarded, closed=closed, today=today)
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
    closed: datetime.date | None,
    today: datetime.date,
) -> None:
    if answered < forwarded:
        problems.add(
            number,
            "answered_date",
            _("The answer is dated before the inquiry was forwarded."),
        )
    if answered > today:
        problems.add(number, "answered_date", _("The date is in the future."))
    if closed is not None and answered > closed:
        problems.add(
            number, "answered_date", _("The answer is dated after the inquiry was closed.")
        )
