"""The demo's registrations as plain data: dates, channels, people, contacts, closing.

Planning is pure and driven by one seeded `random.Random`, so the same seed gives the same
registrations, case numbers and summaries on every run. `registrations.py` writes the plan
through the register's services.
"""

import datetime
import random
from dataclasses import dataclass, field

from borgerraadgiver.demo import organisation as o
from borgerraadgiver.demo.allocation import Slot, slots_2023, slots_2024
from borgerraadgiver.demo.texts import CONTACT_NOTES, FictionalPerson, PeoplePool, summary_write
from borgerraadgiver.inquiries.models import Channel, ComplainantKind

LAST_DAY_2024 = datetime.date(2024, 12, 30)  # offices close on 31 December
OPEN_AT_YEAR_END = 10  # the latest December inquiries are still being handled
LINKED_REGISTRATIONS = 3  # contacts about two departments at once (rule 1)
# Returning people (rules 3 and 4): same department new subject, and another case elsewhere.
RETURNING_SAME_DEPARTMENT = 2
RETURNING_OTHER_CASE = 3

CHANNEL_WEIGHTS = {
    Channel.PHONE: 40,
    Channel.EMAIL: 30,
    Channel.WEB_FORM: 12,
    Channel.MEETING: 8,
    Channel.DIGITAL_POST: 7,
    Channel.LETTER: 3,
}
ANONYMOUS_SHARE = 0.08
# Relatives speak for many older and disabled citizens; companies complain about building cases.
REPRESENTATIVE_SHARE = {o.SOCIAL_OMSORG: 0.25, o.LAERING: 0.08, o.BESKAEFTIGELSE: 0.05}
COMPANY_SHARE = {o.VTF: 0.25, o.BESKAEFTIGELSE: 0.03}

# How long a case stays open, in days, by main handling. A forwarded complaint waits for the
# department's written answer, which is due within three weeks.
DURATION_DAYS = {
    o.ADVICE: (0, 10),
    o.DIALOGUE: (3, 20),
    o.FORWARDED: (21, 40),
    o.MEETING: (7, 45),
    o.COMPLAINT_HELP: (1, 14),
    o.APPLICATION_HELP: (2, 21),
    o.OTHER: (0, 14),
}


@dataclass(frozen=True)
class PlannedContact:
    contact_date: datetime.date
    kind: str
    note: str


@dataclass
class PlannedRegistration:
    """One first contact; several slots make linked inquiries, one per department (rule 1)."""

    slots: list[Slot]
    received_date: datetime.date
    channel: str
    complainant_kind: str = ComplainantKind.CITIZEN
    person_key: int | None = None
    returning_to: "PlannedRegistration | None" = None
    summary: str = ""
    contacts: list[PlannedContact] = field(default_factory=list)
    closed_date: datetime.date | None = None
    follow_up_date: datetime.date | None = None

    @property
    def main(self) -> Slot:
        return self.slots[0]

    @property
    def inquiry_count(self) -> int:
        return len(self.slots)


@dataclass
class Plan:
    registrations: list[PlannedRegistration]
    people: dict[int, FictionalPerson]


def _working_days(year: int) -> tuple[list[datetime.date], list[float]]:
    """Weekdays of the year with a weight: the summer holiday brings fewer inquiries."""
    closed = {datetime.date(year, 1, 1), *(datetime.date(year, 12, d) for d in (24, 25, 26, 31))}
    days, weights = [], []
    day = datetime.date(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and day not in closed:
            days.append(day)
            weights.append(0.5 if day.month == 7 else 1.0)
        day += datetime.timedelta(days=1)
    return days, weights


def _link_pairs(slots: list[Slot], rng: random.Random) -> list[list[Slot]]:
    """Group the slots into registrations, pairing a few into linked registrations.

    A linked pair shares one contact, so it must share handling and reasons but concern two
    departments. Drawing the pairs from the existing slots keeps every count unchanged.
    """
    order = rng.sample(range(len(slots)), len(slots))
    partner: dict[int, int] = {}
    for i in order:
        if len(partner) >= 2 * LINKED_REGISTRATIONS:
            break
        a = slots[i]
        if i in partner or a.handling != o.ADVICE or a.department is None:
            continue
        for j in order:
            b = slots[j]
            if (
                j != i
                and j not in partner
                and b.department not in (None, a.department)
                and (b.handling, b.reasons) == (a.handling, a.reasons)
            ):
                partner[i], partner[j] = j, i
                break
    groups: list[list[Slot]] = []
    for i, slot in enumerate(slots):
        if i not in partner:
            groups.append([slot])
        elif i < partner[i]:
            groups.append([slot, slots[partner[i]]])
    return groups


def _complainant_kind(area: str, rng: random.Random) -> str:
    draw = rng.random()
    if draw < ANONYMOUS_SHARE:
        return ComplainantKind.ANONYMOUS
    draw = rng.random()
    if draw < COMPANY_SHARE.get(area, 0.0):
        return ComplainantKind.COMPANY
    if draw > 1 - REPRESENTATIVE_SHARE.get(area, 0.03):
        return ComplainantKind.REPRESENTATIVE
    return ComplainantKind.CITIZEN


def _registrations(slots: list[Slot], year: int, rng: random.Random) -> list[PlannedRegistration]:
    days, weights = _working_days(year)
    registrations = []
    groups = _link_pairs(slots, rng) if year == 2024 else [[slot] for slot in slots]
    for group in groups:
        area = group[0].area
        kind = _complainant_kind(area, rng)
        if kind == ComplainantKind.ANONYMOUS:
            channel = rng.choice([Channel.PHONE, Channel.WEB_FORM, Channel.LETTER])
        else:
            channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
        registrations.append(
            PlannedRegistration(
                slots=group,
                received_date=rng.choices(days, weights)[0],
                channel=channel,
                complainant_kind=kind,
            )
        )
    # Case numbers run in the order of receipt.
    registrations.sort(key=lambda registration: registration.received_date)
    return registrations


def _mark_returning(registrations: list[PlannedRegistration], rng: random.Random) -> None:
    """Let a few people come back with a new subject (rule 3) or another case (rule 4)."""
    eligible = [
        r
        for r in registrations
        if r.inquiry_count == 1
        and r.complainant_kind == ComplainantKind.CITIZEN
        and r.main.department is not None
    ]
    rng.shuffle(eligible)
    used: set[int] = set()
    wanted = [True] * RETURNING_SAME_DEPARTMENT + [False] * RETURNING_OTHER_CASE
    for same_department in wanted:
        for first in eligible:
            if id(first) in used:
                continue
            later = next(
                (
                    r
                    for r in eligible
                    if id(r) not in used
                    and r.received_date > first.received_date
                    and r.main.reasons != first.main.reasons
                    and (r.main.department == first.main.department) == same_department
                ),
                None,
            )
            if later is not None:
                used.update((id(first), id(later)))
                later.returning_to = first
                break


def _assign_people(plan: Plan, rng: random.Random) -> None:
    pool = PeoplePool(rng)
    for registration in plan.registrations:
        if registration.complainant_kind == ComplainantKind.ANONYMOUS:
            continue
        if registration.returning_to is not None:
            registration.person_key = registration.returning_to.person_key
            continue
        key = len(plan.people) + 1
        plan.people[key] = pool.draw(registration.complainant_kind)
        registration.person_key = key


def _close_and_follow(
    registration: PlannedRegistration,
    *,
    stay_open: bool,
    latest: datetime.date,
    rng: random.Random,
) -> None:
    """Decide when the case closed and which contacts came in between."""
    received = registration.received_date
    handling = registration.main.handling
    low, high = DURATION_DAYS[handling]
    closed = min(received + datetime.timedelta(days=rng.randint(low, high)), latest)
    registration.closed_date = None if stay_open else closed
    end = latest if stay_open else closed

    involved = handling in (o.DIALOGUE, o.FORWARDED, o.MEETING)
    extra = (
        rng.choices([1, 2], [60, 40])[0] if involved else rng.choices([0, 1, 2], [55, 30, 15])[0]
    )
    span = (end - received).days
    dates = sorted(received + datetime.timedelta(days=rng.randint(0, span)) for _ in range(extra))
    for index, day in enumerate(dates):
        last = index == len(dates) - 1
        if handling == o.MEETING and last:
            kind, notes = Channel.MEETING, CONTACT_NOTES["meeting"]
        elif handling in (o.DIALOGUE, o.FORWARDED) and last:
            kind, notes = Channel.PHONE, CONTACT_NOTES["involved"]
        else:
            kind = rng.choices([Channel.PHONE, Channel.EMAIL, Channel.MEETING], [50, 35, 15])[0]
            notes = CONTACT_NOTES["follow_up"]
        registration.contacts.append(PlannedContact(day, kind, rng.choice(notes)))

    if o.ACTION_FOLLOW_UP in registration.main.actions:
        # Asked once the department's answer (due within three weeks) had come in.
        registration.follow_up_date = min(received + datetime.timedelta(days=22), end)


def _places(registration: PlannedRegistration) -> list[str]:
    return [slot.department or slot.area for slot in registration.slots]


def registrations_plan(rng: random.Random) -> Plan:
    """Plan 2023 and 2024, in the order the registrations are to be written."""
    registrations_2023 = _registrations(slots_2023(rng), 2023, rng)
    registrations_2024 = _registrations(slots_2024(rng), 2024, rng)
    registrations = registrations_2023 + registrations_2024
    _mark_returning(registrations, rng)
    plan = Plan(registrations=registrations, people={})
    _assign_people(plan, rng)

    still_open: set[int] = set()
    inquiries = 0
    for registration in reversed(registrations_2024):
        if inquiries >= OPEN_AT_YEAR_END:
            break
        still_open.add(id(registration))
        inquiries += registration.inquiry_count
    for registration in registrations:
        year_end = (
            LAST_DAY_2024
            if registration.received_date.year == 2024
            # 2023's cases are all closed, some of them early in 2024.
            else datetime.date(2024, 3, 1)
        )
        _close_and_follow(
            registration,
            stay_open=id(registration) in still_open,
            latest=year_end,
            rng=rng,
        )
        registration.summary = summary_write(
            handling=registration.main.handling,
            reasons=registration.main.reasons,
            places=_places(registration),
            rng=rng,
        )
    return plan
