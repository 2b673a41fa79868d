"""How many registrations of which kind the demo holds: the 2024 report, inquiry by inquiry.

The tables below are one allocation consistent with every per-area figure of the 2024 report and
with the year's handling counts (Figure 2). The report prints only the main reasons per area; the
rest of each area's advice-only inquiries are spread over plausible reasons. Reasons of the
inquiries handled in other ways are not published, so they are drawn from plausible lists.

This module plans; it touches no database. `slots_2024` and `slots_2023` return one Slot per
inquiry, with its department already drawn.
"""

import random
from dataclasses import dataclass, replace

from borgerraadgiver.demo import organisation as o

# Inquiries per department; an area without departments has one entry, None.
DEPARTMENTS_2024: dict[str, dict[str | None, int]] = {
    o.LAERING: {o.BOERN_OG_FAMILIE: 108, o.SKOLE: 7, o.DAGTILBUD: 6, o.PPR: 1},
    o.BESKAEFTIGELSE: {
        o.JOBCENTER: 45,
        o.BORGERSERVICE: 19,
        o.UNGEENHEDEN: 9,
        o.RUSMIDDELCENTER: 1,
    },
    o.SOCIAL_OMSORG: {o.VOKSENHANDICAP: 21, o.SUNDHED_OG_AELDRE: 16},
    o.VTF: {o.BYG_MILJOE_NATUR: 8, o.VEJ_PARK_EJENDOMME: 6},
    o.KOMMUNALDIREKTOER: {None: 1},
    o.GENERAL: {None: 5},
    o.OUTSIDE: {None: 4},
}

# The main handling of each inquiry, per area.
HANDLING_2024: dict[str, dict[str, int]] = {
    o.LAERING: {
        o.ADVICE: 89,
        o.DIALOGUE: 9,
        o.FORWARDED: 9,
        o.MEETING: 10,
        o.COMPLAINT_HELP: 3,
        o.APPLICATION_HELP: 1,
        o.OTHER: 1,
    },
    o.BESKAEFTIGELSE: {
        o.ADVICE: 61,
        o.DIALOGUE: 1,
        o.FORWARDED: 3,
        o.MEETING: 4,
        o.COMPLAINT_HELP: 2,
        o.APPLICATION_HELP: 1,
        o.OTHER: 2,
    },
    o.SOCIAL_OMSORG: {
        o.ADVICE: 25,
        o.DIALOGUE: 5,
        o.FORWARDED: 3,
        o.MEETING: 1,
        o.COMPLAINT_HELP: 1,
        o.APPLICATION_HELP: 1,
        o.OTHER: 1,
    },
    o.VTF: {o.ADVICE: 7, o.DIALOGUE: 2, o.FORWARDED: 3, o.MEETING: 1, o.OTHER: 1},
    o.KOMMUNALDIREKTOER: {o.FORWARDED: 1},
    o.GENERAL: {o.ADVICE: 3, o.OTHER: 2},
    o.OUTSIDE: {o.ADVICE: 4},
}

# Reasons of the advice-only inquiries in the four areas; one reason each. The first lines of
# each area are the report's; the rest are the unpublished remainder.
ADVICE_REASONS_2024: dict[str, dict[str, int]] = {
    o.LAERING: {
        o.SAGSBEHANDLINGEN: 15,
        o.PROCEDURE: 9,
        o.SAGSBEHANDLINGSTID: 9,
        o.INDDRAGELSE: 8,
        o.UTILSTRAEKKELIG_STOETTE: 7,
        o.AFGOERELSE: 6,
        o.MANGLENDE_SVAR: 5,
        o.PERSONALETS_OPTRAEDEN: 4,
        o.ORIENTERING: 5,
        o.PERSONFOELSOMME: 3,
        o.SAGSBEHANDLERSKIFTE: 4,
        o.HELHEDSORIENTERET: 3,
        o.MANGLENDE_AFGOERELSE: 2,
        o.UDFOERSEL: 3,
        o.AKTINDSIGT: 3,
        o.KLAGEMULIGHEDER: 3,
    },
    o.BESKAEFTIGELSE: {
        o.SAGSBEHANDLINGEN: 15,
        o.PROCEDURE: 9,
        o.AFGOERELSE: 6,
        o.INDDRAGELSE: 6,
        o.UTILSTRAEKKELIG_STOETTE: 1,
        o.MANGLENDE_SVAR: 2,
        o.PERSONALETS_OPTRAEDEN: 3,
        o.ORIENTERING: 2,
        o.HELHEDSORIENTERET: 3,
        o.MANGLENDE_AFGOERELSE: 3,
        o.LANG_SAGSBEHANDLINGSTID: 3,
        o.STOETTEMULIGHEDER: 3,
        o.AKTINDSIGT: 2,
        o.KLAGEMULIGHEDER: 3,
    },
    o.SOCIAL_OMSORG: {
        o.SAGSBEHANDLINGEN: 9,
        o.AFGOERELSE: 4,
        o.PROCEDURE: 3,
        o.INDDRAGELSE: 2,
        o.PERSONFOELSOMME: 1,
        o.UDFOERSEL: 2,
        o.STOETTEMULIGHEDER: 2,
        o.OENSKE_OM_VEJLEDNING: 2,
    },
    o.VTF: {
        o.PROCEDURE: 4,
        o.LANG_SAGSBEHANDLINGSTID: 1,
        o.MANGLENDE_VEJLEDNING: 1,
        o.KLAGEMULIGHEDER: 1,
    },
    o.GENERAL: {o.FUNKTIONEN: 3},
}

# Reasons of the inquiries where the administration was involved (dialogue and forwarded).
INVOLVED_REASONS_2024: dict[str, dict[str, int]] = {
    o.LAERING: {
        o.UTILSTRAEKKELIG_STOETTE: 3,
        o.MANGLENDE_SVAR: 3,
        o.UDFOERSEL: 2,
        o.PERSONALETS_OPTRAEDEN: 2,
        o.SAGSBEHANDLINGEN: 2,
        o.PERSONFOELSOMME: 1,
        o.SAGSBEHANDLERSKIFTE: 1,
        o.ORIENTERING: 1,
        o.INDDRAGELSE: 1,
        o.MANGLENDE_AFGOERELSE: 1,
        o.LANG_SAGSBEHANDLINGSTID: 1,
    },
    o.BESKAEFTIGELSE: {
        o.MANGLENDE_SVAR: 1,
        o.INDDRAGELSE: 1,
        o.SAGSBEHANDLINGEN: 1,
        o.HELHEDSORIENTERET: 1,
    },
    o.SOCIAL_OMSORG: {
        o.HELHEDSORIENTERET: 2,
        o.MANGLENDE_SVAR: 2,
        o.PERSONFOELSOMME: 2,
        o.STOETTEMULIGHEDER: 1,
        o.ORIENTERING: 1,
    },
    o.VTF: {o.MANGLENDE_SVAR: 3, o.MANGLENDE_VEJLEDNING: 1, o.LANG_SAGSBEHANDLINGSTID: 1},
    o.KOMMUNALDIREKTOER: {o.INDDRAGELSE: 1},
}

# Outside competence: the reason and where the citizen was referred.
OUTSIDE_2024 = (
    (o.FAGLIGT_INDHOLD, o.ANKESTYRELSEN),
    (o.FAGLIGT_INDHOLD, o.ANKESTYRELSEN),
    (o.POLITISK, o.ANDET),
    (o.ANSAETTELSE, o.ANDET),
)

# Unpublished: what the inquiries handled in other ways were about. Citizens who feel unheard
# often ask the advisor to join their next meeting rather than complain (the report, 3.2).
OTHER_HANDLING_REASONS: dict[str, tuple[str, ...]] = {
    o.MEETING: (
        o.INDDRAGELSE,
        o.UTILSTRAEKKELIG_STOETTE,
        o.SAGSBEHANDLINGEN,
        o.HELHEDSORIENTERET,
        o.PERSONALETS_OPTRAEDEN,
    ),
    o.COMPLAINT_HELP: (o.AFGOERELSE, o.KLAGEMULIGHEDER),
    o.APPLICATION_HELP: (o.STOETTEMULIGHEDER, o.OENSKE_OM_VEJLEDNING),
    o.OTHER: (o.SAGSBEHANDLINGEN, o.OENSKE_OM_VEJLEDNING, o.PROCEDURE),
}

# The counted action that goes with a main handling, so that the actions add up to Figure 2.
HANDLING_ACTIONS = {
    o.MEETING: o.ACTION_MEETING,
    o.COMPLAINT_HELP: o.ACTION_COMPLAINT,
    o.APPLICATION_HELP: o.ACTION_APPLICATION,
}
FOLLOW_UP_QUESTIONS_2024 = 2

# 2023, the office's first year: 115 inquiries, roughly 2024's mix at 45 %. The children's
# department still had its old name.
DEPARTMENTS_2023: dict[str, dict[str | None, int]] = {
    o.LAERING: {o.FAMILIEAFDELINGEN: 48, o.SKOLE: 4, o.DAGTILBUD: 3},
    o.BESKAEFTIGELSE: {o.JOBCENTER: 20, o.BORGERSERVICE: 9, o.UNGEENHEDEN: 4},
    o.SOCIAL_OMSORG: {o.VOKSENHANDICAP: 10, o.SUNDHED_OG_AELDRE: 7},
    o.VTF: {o.BYG_MILJOE_NATUR: 4, o.VEJ_PARK_EJENDOMME: 2},
    o.GENERAL: {None: 2},
    o.OUTSIDE: {None: 2},
}


@dataclass(frozen=True)
class Slot:
    """One planned inquiry: where it belongs, how it was handled, what it was about."""

    area: str
    department: str | None
    handling: str
    reasons: tuple[str, ...]
    actions: tuple[str, ...] = ()
    referral_body: str | None = None


def _expand(counts: dict[str, int]) -> list[str]:
    return [name for name, count in counts.items() for _ in range(count)]


def _check_tables() -> None:
    """The tables must agree with each other, or the demo would print a report that does not."""
    for area, handling in HANDLING_2024.items():
        total = sum(handling.values())
        if sum(DEPARTMENTS_2024[area].values()) != total:
            raise ValueError(f"{area}: departments and handling do not add up")
        advice = sum(ADVICE_REASONS_2024.get(area, {}).values())
        involved = sum(INVOLVED_REASONS_2024.get(area, {}).values())
        if area == o.OUTSIDE:
            advice = len(OUTSIDE_2024)
        if advice != handling.get(o.ADVICE, 0):
            raise ValueError(f"{area}: advice-only reasons do not add up")
        if involved != handling.get(o.DIALOGUE, 0) + handling.get(o.FORWARDED, 0):
            raise ValueError(f"{area}: involved reasons do not add up")


def _area_slots_2024(area: str, rng: random.Random) -> list[Slot]:
    """The area's inquiries with handling, reasons and actions, but no department yet."""
    handling = HANDLING_2024[area]
    slots: list[Slot] = []
    if area == o.OUTSIDE:
        slots += [
            Slot(area, None, o.ADVICE, (reason,), referral_body=body)
            for reason, body in OUTSIDE_2024
        ]
    else:
        slots += [
            Slot(area, None, o.ADVICE, (reason,))
            for reason in _expand(ADVICE_REASONS_2024.get(area, {}))
        ]
    # Which involved reasons became dialogue and which forwarded is not published: shuffle.
    involved = _expand(INVOLVED_REASONS_2024.get(area, {}))
    rng.shuffle(involved)
    dialogues = handling.get(o.DIALOGUE, 0)
    slots += [
        Slot(area, None, o.DIALOGUE if index < dialogues else o.FORWARDED, (reason,))
        for index, reason in enumerate(involved)
    ]
    for name in (o.MEETING, o.COMPLAINT_HELP, o.APPLICATION_HELP, o.OTHER):
        for _ in range(handling.get(name, 0)):
            if area == o.GENERAL:
                reasons: tuple[str, ...] = (o.FUNKTIONEN,)
            else:
                choices = OTHER_HANDLING_REASONS[name]
                count = 2 if len(choices) > 1 and rng.random() < 0.3 else 1
                reasons = tuple(rng.sample(choices, count))
            action = HANDLING_ACTIONS.get(name)
            slots.append(Slot(area, None, name, reasons, (action,) if action else ()))
    return slots


def _with_departments(
    slots: list[Slot], departments: dict[str | None, int], rng: random.Random
) -> list[Slot]:
    names = [name for name, count in departments.items() for _ in range(count)]
    if len(names) != len(slots):
        raise ValueError("departments and slots do not add up")
    rng.shuffle(names)
    return [replace(slot, department=name) for slot, name in zip(slots, names, strict=True)]


def slots_2024(rng: random.Random) -> list[Slot]:
    _check_tables()
    slots: list[Slot] = []
    forwarded_indexes: list[int] = []
    for area in HANDLING_2024:
        area_slots = _with_departments(_area_slots_2024(area, rng), DEPARTMENTS_2024[area], rng)
        for slot in area_slots:
            if slot.handling == o.FORWARDED:
                forwarded_indexes.append(len(slots))
            slots.append(slot)
    # The advisor asked follow-up questions on two of the departments' answers.
    for index in rng.sample(forwarded_indexes, FOLLOW_UP_QUESTIONS_2024):
        slots[index] = replace(slots[index], actions=(*slots[index].actions, o.ACTION_FOLLOW_UP))
    return slots


def slots_2023(rng: random.Random) -> list[Slot]:
    """A smaller first year: for each area, a sample of 2024's kinds of inquiry."""
    slots: list[Slot] = []
    for area, departments in DEPARTMENTS_2023.items():
        sample = rng.sample(_area_slots_2024(area, rng), sum(departments.values()))
        slots += _with_departments(sample, departments, rng)
    return slots
