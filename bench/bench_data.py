"""Synthetic register data for the benchmark: an organisation and N inquiries over five years.

Import only after django.setup(). Everything is drawn from one seeded random generator, so two
runs with the same seed and size build the same register.

The inquiries are planned first (`plan_inquiries`), then inserted in stages (`insert`): the
benchmark inserts a small, evenly spread sample first to measure a tiny register, and then the
rest, so that both sizes share the organisation, the users and the inquiries it looks at.
"""

import datetime
import random
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import transaction

from borgerraadgiver.accounts.models import User
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
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Office,
    Reason,
    ReferralBody,
)

YEARS = 5
PERSONS_PER_INQUIRY = 0.7
BATCH = 5000  # inquiries per transaction; bulk_create splits further as the backend needs

ADMIN = Area.Kind.ADMINISTRATION
# (area, kind, weight, departments as (name, weight))
AREAS: list[tuple[str, str, int, list[tuple[str, int]]]] = [
    ("Læring", ADMIN, 24, [("Skole", 4), ("Dagtilbud", 2), ("PPR", 2), ("Børn og Familie", 6)]),
    (
        "Beskæftigelse",
        ADMIN,
        30,
        [("Jobcenter", 8), ("Ungeenheden", 2), ("Ydelsesservice", 4), ("Borgerservice", 3)],
    ),
    (
        "Social Omsorg",
        ADMIN,
        26,
        [
            ("Voksenhandicap", 4),
            ("Rusmiddelcenter og Socialpsykiatri", 2),
            ("Sundhed og Ældre", 4),
            ("Visitation", 3),
            ("Hjemmepleje", 2),
        ],
    ),
    (
        "Vækst, Teknik & Fællesskab",
        ADMIN,
        8,
        [
            ("Byg, Miljø og Natur", 3),
            ("Vej, Park og Ejendomme", 2),
            ("Kultur og Fritid", 1),
            ("Plan og Udvikling", 1),
        ],
    ),
    (
        "Kommunaldirektørens område",
        ADMIN,
        4,
        [("HR og Løn", 1), ("Økonomi", 1), ("Digitalisering", 1), ("Sekretariatet", 1)],
    ),
    ("Borgerrådgiverfunktionen / kommunen generelt", Area.Kind.GENERAL, 5, []),
    ("Udenfor kompetence", Area.Kind.OUTSIDE_COMPETENCE, 3, []),
]
REASONS = [
    "Spørgsmål til sagsbehandlingen",
    "Spørgsmål til sagsbehandlingsprocedure",
    "Spørgsmål om sagsbehandlingstid",
    "Manglende inddragelse",
    "Utilstrækkelig støtte",
    "Spørgsmål til afgørelse",
    "Manglende svar",
    "Manglende partshøring",
    "Manglende begrundelse",
    "Manglende klagevejledning",
    "Aktindsigt",
    "Kommunikation og tone",
    "Utilfredshed med medarbejder",
    "Tavshedspligt og datasikkerhed",
    "Økonomisk støtte",
    "Bevilling af hjælpemidler",
    "Hjemmehjælp og pleje",
    "Skoletilbud og specialundervisning",
    "Pasningstilbud",
    "Underretning",
    "Jobafklaring og ressourceforløb",
    "Sygedagpenge",
    "Byggesag og tilladelser",
    "Vej, affald og forsyning",
    "Andet",
]
HANDLING_TYPES = [
    ("Råd og vejledning", HandlingType.Kind.ADVICE),
    ("Vejledning om klageadgang", HandlingType.Kind.ADVICE),
    ("Dialogsag med forvaltningen", HandlingType.Kind.DIALOGUE),
    ("Mægling og møde", HandlingType.Kind.DIALOGUE),
    ("Videresendt klage", HandlingType.Kind.FORWARDED),
    ("Henvist til anden myndighed", HandlingType.Kind.OTHER),
    ("Afvist", HandlingType.Kind.OTHER),
]
ACTIONS = [
    "Deltaget i møde",
    "Hjulpet med klage",
    "Bisidder",
    "Aktindsigt formidlet",
    "Henvendelse til leder",
]
REFERRAL_BODIES = [
    "Ankestyrelsen",
    "Folketingets Ombudsmand",
    "Styrelsen for Patientklager",
    "Klagenævnet for Specialundervisning",
]

FIRST_NAMES = [
    "Anne",
    "Kirsten",
    "Hanne",
    "Mette",
    "Anna",
    "Helle",
    "Susanne",
    "Lene",
    "Maria",
    "Marianne",
    "Lone",
    "Camilla",
    "Pia",
    "Louise",
    "Charlotte",
    "Bente",
    "Tina",
    "Gitte",
    "Inge",
    "Karen",
    "Ida",
    "Emma",
    "Sofie",
    "Julie",
    "Birgitte",
    "Signe",
    "Laura",
    "Freja",
    "Astrid",
    "Ellen",
    "Peter",
    "Michael",
    "Lars",
    "Jens",
    "Thomas",
    "Henrik",
    "Søren",
    "Christian",
    "Martin",
    "Jan",
    "Morten",
    "Jesper",
    "Anders",
    "Niels",
    "Mads",
    "Rasmus",
    "Per",
    "Kim",
    "Ole",
    "Hans",
    "Jørgen",
    "Frederik",
    "Mikkel",
    "Kasper",
    "Jakob",
    "Emil",
    "Oliver",
    "William",
    "Lucas",
    "Noah",
]
MIDDLE_NAMES = ["", "", "", "Marie", "Louise", "Kristian", "Bach", "Holm", "Juul", "Lund"]
LAST_NAMES = [
    "Nielsen",
    "Jensen",
    "Hansen",
    "Andersen",
    "Pedersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Knudsen",
    "Jakobsen",
    "Mikkelsen",
    "Frederiksen",
    "Laursen",
    "Henriksen",
    "Lund",
    "Schmidt",
    "Eriksen",
    "Holm",
    "Kristiansen",
    "Clausen",
    "Simonsen",
    "Svendsen",
    "Andreasen",
    "Iversen",
    "Østergaard",
    "Jeppesen",
    "Vestergaard",
    "Nissen",
]
STREETS = [
    "Storegade",
    "Søndergade",
    "Vestergade",
    "Østergade",
    "Nørregade",
    "Skolevej",
    "Kirkevej",
    "Bakkevej",
    "Møllevej",
    "Stationsvej",
    "Engvej",
    "Skovvej",
]
TOWNS = [
    ("8722", "Hedensted"),
    ("8700", "Horsens"),
    ("7130", "Juelsminde"),
    ("8740", "Brædstrup"),
    ("8783", "Hornsyld"),
    ("8763", "Rask Mølle"),
]
OPENINGS = [
    "Borgeren henvender sig om",
    "Pårørende kontakter borgerrådgiveren om",
    "Henvendelse om",
    "Borgeren er utilfreds med forløbet vedrørende",
    "Borgeren ønsker vejledning om",
]
SENTENCES = [
    "Borgeren har ikke hørt fra sagsbehandleren i flere uger.",
    "Der er sendt en mail til afdelingslederen med en anmodning om status.",
    "Borgeren er vejledt om klagemuligheder og frister.",
    "Afgørelsen er modtaget, men borgeren forstår ikke begrundelsen.",
    "Borgerrådgiveren har talt med forvaltningen, som vender tilbage inden for en uge.",
    "Borgeren oplever ikke at være blevet hørt før afgørelsen.",
    "Der er aftalt et møde mellem borgeren og forvaltningen.",
    "Borgeren har fået hjælp til at formulere en klage.",
    "Sagen er genoptaget efter dialog med forvaltningen.",
    "Borgeren er henvist til den rette myndighed.",
    "Forvaltningen har beklaget den lange sagsbehandlingstid.",
    "Borgeren har fået aktindsigt i sagens dokumenter.",
]
CHANNELS = [
    (Channel.PHONE, 50),
    (Channel.EMAIL, 25),
    (Channel.MEETING, 8),
    (Channel.LETTER, 3),
    (Channel.WEB_FORM, 8),
    (Channel.DIGITAL_POST, 6),
]
KINDS = [
    (ComplainantKind.CITIZEN, 80),
    (ComplainantKind.REPRESENTATIVE, 10),
    (ComplainantKind.COMPANY, 5),
    (ComplainantKind.ANONYMOUS, 5),
]


@dataclass
class Organisation:
    areas: list[Area]
    departments: dict[int, list[Department]]  # area id -> departments
    reasons: list[Reason]
    handling_types: list[HandlingType]
    actions: list[Action]
    referral_bodies: list[ReferralBody]
    advisors: list[User]
    area_weights: list[int] = field(default_factory=list)
    department_weights: dict[int, list[int]] = field(default_factory=dict)

    def area(self, name: str) -> Area:
        return next(area for area in self.areas if area.name == name)


@dataclass
class Planned:
    """One inquiry to insert; the person and the related rows are drawn when it is inserted."""

    received: datetime.date
    area: Area
    department: Department | None
    person_index: int | None  # index into the persons of the plan; None: anonymous
    kind: str
    channel: str
    handling_type: HandlingType
    reason_ids: list[int]
    status: str
    closed: datetime.date | None
    summary: str
    group: uuid.UUID | None = None
    referral_body: ReferralBody | None = None
    contacts: int = 1
    actions: int = 0
    changes: int = 0
    case_number: str = ""
    pk: int | None = None


def create_organisation(rng: random.Random) -> Organisation:
    """7 areas, 20 departments, 25 reasons, 7 handling types, the office and four advisors."""
    office = Office.load()
    office.municipality = "Benchmark Kommune"
    office.save()
    areas, departments, area_weights, department_weights = [], {}, [], {}
    for order, (name, kind, weight, names) in enumerate(AREAS):
        area = Area.objects.create(name=name, kind=kind, sort_order=order)
        areas.append(area)
        area_weights.append(weight)
        departments[area.pk] = [
            Department.objects.create(area=area, name=dept, sort_order=index)
            for index, (dept, _weight) in enumerate(names)
        ]
        department_weights[area.pk] = [dept_weight for _name, dept_weight in names]
    reasons = Reason.objects.bulk_create(
        Reason(name=name, sort_order=index) for index, name in enumerate(REASONS)
    )
    handling_types = HandlingType.objects.bulk_create(
        HandlingType(name=name, kind=kind, sort_order=index)
        for index, (name, kind) in enumerate(HANDLING_TYPES)
    )
    actions = Action.objects.bulk_create(Action(name=name) for name in ACTIONS)
    referral_bodies = ReferralBody.objects.bulk_create(
        ReferralBody(name=n) for n in REFERRAL_BODIES
    )
    advisors = [
        User.objects.create_user(
            username=f"raadgiver{index}",
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            is_advisor=True,
        )
        for index in range(1, 5)
    ]
    return Organisation(
        areas=areas,
        departments=departments,
        reasons=list(reasons),
        handling_types=list(handling_types),
        actions=list(actions),
        referral_bodies=list(referral_bodies),
        advisors=advisors,
        area_weights=area_weights,
        department_weights=department_weights,
    )


def plan_inquiries(
    rng: random.Random, org: Organisation, count: int, today: datetime.date
) -> list[Planned]:
    """`count` inquiries received over the last five years up to `today`, in received order.

    About one in twenty contacts concerns two departments and gives two linked inquiries (rule
    1); most people contact the office once, some several times (about 0.7 persons an inquiry).
    """
    start = today.replace(year=today.year - YEARS) + datetime.timedelta(days=1)
    days = (today - start).days
    reason_weights = [max(1, 25 - index) ** 2 for index in range(len(org.reasons))]
    other_kinds = {HandlingType.Kind.OTHER}
    referral_handling = next(h for h in org.handling_types if h.kind in other_kinds)
    general_handlings = [h for h in org.handling_types if h.kind not in other_kinds]
    plan: list[Planned] = []
    while len(plan) < count:
        received = start + datetime.timedelta(days=rng.randrange(days + 1))
        kind = _weighted(rng, KINDS)
        first = _plan_one(
            rng, org, received, kind, reason_weights, general_handlings, referral_handling, today
        )
        plan.append(first)
        if len(plan) < count and first.department is not None and rng.random() < 0.05:
            # The same contact about a second department: a linked inquiry (same person, day).
            second = _plan_one(
                rng,
                org,
                received,
                kind,
                reason_weights,
                general_handlings,
                referral_handling,
                today,
            )
            if second.department is not None and second.department != first.department:
                first.group = second.group = uuid.UUID(int=rng.getrandbits(128), version=4)
                second.channel = first.channel
                second.person_index = -1  # same person as `first`, resolved below
                plan.append(second)
    plan.sort(key=lambda planned: planned.received)  # stable: a linked pair stays together
    # People: the first inquiries of 0.7 N distinct people, then repeat contacts by some of them.
    persons = max(1, round(count * PERSONS_PER_INQUIRY))
    next_person = 0
    previous: Planned | None = None
    for planned in plan:
        if planned.kind == ComplainantKind.ANONYMOUS:
            planned.person_index = None
        elif planned.person_index == -1 and previous is not None:
            planned.person_index = previous.person_index
        elif next_person < persons and rng.random() < 0.72:
            planned.person_index = next_person
            next_person += 1
        else:
            planned.person_index = rng.randrange(max(1, next_person))
        previous = planned
    # Case numbers: BR-{year}-{seq:04d}, running within the year in received order.
    sequence: dict[int, int] = {}
    for planned in plan:
        year = planned.received.year
        sequence[year] = sequence.get(year, 0) + 1
        planned.case_number = f"BR-{year}-{sequence[year]:04d}"
    return plan


def _plan_one(
    rng: random.Random,
    org: Organisation,
    received: datetime.date,
    kind: str,
    reason_weights: list[int],
    general_handlings: list[HandlingType],
    referral_handling: HandlingType,
    today: datetime.date,
) -> Planned:
    area = rng.choices(org.areas, weights=org.area_weights)[0]
    departments = org.departments[area.pk]
    department = (
        rng.choices(departments, weights=org.department_weights[area.pk])[0]
        if departments
        else None
    )
    reasons: list[Reason] = []
    for _ in range(rng.choices([1, 2, 3], weights=[55, 33, 12])[0]):
        reason = rng.choices(org.reasons, weights=reason_weights)[0]
        if reason not in reasons:
            reasons.append(reason)
    outside = area.kind == Area.Kind.OUTSIDE_COMPETENCE
    handling = referral_handling if outside else rng.choice(general_handlings)
    age = (today - received).days
    closed = None
    if rng.random() < (0.97 if age > 90 else 0.4):
        closed = min(today, received + datetime.timedelta(days=int(rng.expovariate(1 / 14))))
    place = department.name if department else "kommunen"
    summary = " ".join(
        [
            f"{rng.choice(OPENINGS)} {reasons[0].name.lower()} i {place}.",
            *rng.sample(SENTENCES, rng.randint(1, 4)),
        ]
    )
    return Planned(
        received=received,
        area=area,
        department=department,
        person_index=None,
        kind=kind,
        channel=_weighted(rng, CHANNELS),
        handling_type=handling,
        reason_ids=[reason.pk for reason in reasons],
        status=Inquiry.Status.CLOSED if closed else Inquiry.Status.OPEN,
        closed=closed,
        summary=summary,
        referral_body=rng.choice(org.referral_bodies) if outside else None,
        contacts=rng.choices([1, 2, 3, 4], weights=[55, 28, 12, 5])[0],
        actions=rng.choices([0, 1, 2], weights=[75, 20, 5])[0],
        changes=rng.choices([0, 1, 2, 3], weights=[70, 20, 7, 3])[0],
    )


def _weighted(rng: random.Random, choices: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in choices], weights=[w for _, w in choices])[0]


class Inserter:
    """Inserts planned inquiries with their persons, reasons, contacts, actions and changes."""

    def __init__(self, rng: random.Random, org: Organisation) -> None:
        self.rng = rng
        self.org = org
        self.person_ids: dict[int, int] = {}

    def insert(
        self, plan: Sequence[Planned], progress: Callable[[int], None] | None = None
    ) -> None:
        for start in range(0, len(plan), BATCH):
            with transaction.atomic():
                self._insert_batch(plan[start : start + BATCH])
            if progress:
                progress(min(start + BATCH, len(plan)))

    def _person(self, index: int) -> Person:
        rng = self.rng
        first, middle = rng.choice(FIRST_NAMES), rng.choice(MIDDLE_NAMES)
        last = rng.choice(LAST_NAMES)
        name = " ".join(part for part in (first, middle, last) if part)
        postcode, town = rng.choice(TOWNS)
        return Person(
            name=name,
            phone=(
                f"{rng.randrange(20, 99)}{rng.randrange(10**6):06d}" if rng.random() < 0.8 else ""
            ),
            email=f"{first}.{last}{index}@example.dk".lower() if rng.random() < 0.6 else "",
            address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {postcode} {town}",
        )

    def _insert_batch(self, batch: Sequence[Planned]) -> None:
        rng, org = self.rng, self.org
        new_indexes = sorted(
            {p.person_index for p in batch if p.person_index is not None} - self.person_ids.keys()
        )
        people = Person.objects.bulk_create(self._person(index) for index in new_indexes)
        self.person_ids.update(zip(new_indexes, (person.pk for person in people), strict=True))
        inquiries = []
        for planned in batch:
            advisor = rng.choice(org.advisors)
            inquiries.append(
                Inquiry(
                    case_number=planned.case_number,
                    received_date=planned.received,
                    channel=planned.channel,
                    complainant_kind=planned.kind,
                    person_id=(
                        None
                        if planned.person_index is None
                        else self.person_ids[planned.person_index]
                    ),
                    area=planned.area,
                    department=planned.department,
                    handling_type=planned.handling_type,
                    referral_body=planned.referral_body,
                    summary=planned.summary,
                    status=planned.status,
                    closed_date=planned.closed,
                    advisor=advisor,
                    registration_group=planned.group,
                    created_by=advisor,
                )
            )
        Inquiry.objects.bulk_create(inquiries)
        through = Inquiry.reasons.through
        links, contacts, actions, changes = [], [], [], []
        for planned, inquiry in zip(batch, inquiries, strict=True):
            planned.pk = inquiry.pk
            links.extend(
                through(inquiry_id=inquiry.pk, reason_id=rid) for rid in planned.reason_ids
            )
            last = planned.closed or planned.received + datetime.timedelta(days=30)
            span = max(0, (last - planned.received).days)
            for number in range(planned.contacts):
                day = planned.received + datetime.timedelta(
                    days=0 if number == 0 else rng.randint(0, span)
                )
                contacts.append(
                    Contact(
                        inquiry_id=inquiry.pk,
                        contact_date=day,
                        kind=planned.channel if number == 0 else _weighted(rng, CHANNELS),
                        note="" if number == 0 else rng.choice(SENTENCES),
                        created_by_id=inquiry.created_by_id,
                    )
                )
            for _ in range(planned.actions):
                actions.append(
                    InquiryAction(
                        inquiry_id=inquiry.pk,
                        action=rng.choice(org.actions),
                        action_date=planned.received
                        + datetime.timedelta(days=rng.randint(0, span)),
                    )
                )
            for number in range(planned.changes):
                changed_at = datetime.datetime.combine(
                    planned.received + datetime.timedelta(days=rng.randint(0, span)),
                    datetime.time(9 + number, 30),
                    tzinfo=datetime.UTC,
                )
                changes.append(
                    InquiryChange(
                        inquiry_id=inquiry.pk,
                        changed_by_id=inquiry.advisor_id,
                        changed_at=changed_at,
                        field="summary" if number else "handling_type",
                        old_value="" if number else "Råd og vejledning",
                        new_value=rng.choice(SENTENCES) if number else planned.handling_type.name,
                    )
                )
        through.objects.bulk_create(links)
        Contact.objects.bulk_create(contacts)
        InquiryAction.objects.bulk_create(actions)
        InquiryChange.objects.bulk_create(changes)

    def finish(self, plan: Sequence[Planned]) -> None:
        """The running case numbers per year, as the register would have drawn them."""
        last: dict[int, int] = {}
        for planned in plan:
            if planned.pk is not None:
                year, seq = planned.received.year, int(planned.case_number.rsplit("-", 1)[1])
                last[year] = max(last.get(year, 0), seq)
        for year, seq in last.items():
            CaseNumberSequence.objects.update_or_create(year=year, defaults={"last": seq})


def pick_sample(plan: Sequence[Planned], size: int) -> list[int]:
    """Indexes of `size` inquiries spread evenly over the plan, with whole linked pairs.

    The first entry is the inquiry whose detail page is measured: one with a person, several
    contacts, counted actions, recorded changes and a linked inquiry, so that every part of the
    page has rows to show.
    """
    step = max(1, len(plan) // max(1, size))
    chosen = set(range(0, len(plan), step))
    target = next(
        (
            index
            for index, p in enumerate(plan)
            if p.group
            and p.person_index is not None
            and p.contacts >= 2
            and p.actions
            and p.changes
        ),
        None,
    )
    if target is None:  # small plans: make one such inquiry
        target = next(i for i, p in enumerate(plan) if p.group and p.person_index is not None)
        plan[target].contacts, plan[target].actions, plan[target].changes = 3, 2, 2
    chosen.add(target)
    for index in list(chosen):
        if plan[index].group:  # take the linked inquiry along
            for other in (index - 1, index + 1):
                if 0 <= other < len(plan) and plan[other].group == plan[index].group:
                    chosen.add(other)
    return [target, *sorted(chosen - {target})]


class Progress:
    """One line with a percentage, rewritten in a terminal and printed every 10 % otherwise."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, max(1, total)
        self.started = time.perf_counter()
        self.tty = sys.stdout.isatty()
        self.shown = -1

    def __call__(self, done: int) -> None:
        percent = 100 * done // self.total
        elapsed = time.perf_counter() - self.started
        line = f"  {self.label}: {done:>9,}/{self.total:,} ({percent:3d} %) {elapsed:7.1f} s"
        if self.tty:
            end = "\n" if done >= self.total else ""
            print(f"\r{line}", end=end, flush=True)
        elif percent // 10 > self.shown or done >= self.total:
            self.shown = percent // 10
            print(line, flush=True)
