"""Hedensted Kommune's organisation and lists as of the 2024 annual report: the default demo data.

In the product these are data an administrator maintains; here they are the seed a fresh
installation shows. Loading is an upsert by name, so running the demo again never duplicates a
row and never undoes the validity dates below.
"""

import datetime
from dataclasses import dataclass, field

from borgerraadgiver.organisation.models import (
    Action,
    ActivityKind,
    Area,
    Department,
    HandlingType,
    Office,
    Reason,
    ReferralBody,
)

OFFICE_NAME = "Borgerrådgiveren"
MUNICIPALITY = "Hedensted Kommune"

# The office opened in 2023: nothing existed, for the register, before that.
OPENED = datetime.date(2023, 1, 1)
# The children's department took its 2024 name on this day; see AREAS.
RENAMED = datetime.date(2024, 1, 1)

# Areas
LAERING = "Læring"
BESKAEFTIGELSE = "Beskæftigelse"
SOCIAL_OMSORG = "Social Omsorg"
VTF = "Vækst, Teknik & Fællesskab"
KOMMUNALDIREKTOER = "Kommunaldirektørens område"
GENERAL = "Borgerrådgiverfunktionen / kommunen generelt"
OUTSIDE = "Udenfor kompetence"

# Departments
FAMILIEAFDELINGEN = "Familieafdelingen"
BOERN_OG_FAMILIE = "Børn og Familie"
SKOLE = "Skole"
DAGTILBUD = "Dagtilbud"
PPR = "PPR"
JOBCENTER = "Jobcenter"
BORGERSERVICE = "Borgerservice"
UNGEENHEDEN = "Ungeenheden"
RUSMIDDELCENTER = "Rusmiddelcenter og Socialpsykiatri"
VOKSENHANDICAP = "Voksenhandicap"
SUNDHED_OG_AELDRE = "Sundhed og Ældre"
# The report does not break VTF down; these two are invented so that the area has departments.
BYG_MILJOE_NATUR = "Byg, Miljø og Natur"
VEJ_PARK_EJENDOMME = "Vej, Park og Ejendomme"

# Reasons, as a caseworker writes them
SAGSBEHANDLINGEN = "Spørgsmål til sagsbehandlingen"
PROCEDURE = "Spørgsmål til sagsbehandlingsprocedure"
SAGSBEHANDLINGSTID = "Spørgsmål om sagsbehandlingstid"
INDDRAGELSE = "Manglende inddragelse"
UTILSTRAEKKELIG_STOETTE = "Utilstrækkelig støtte"
AFGOERELSE = "Spørgsmål til afgørelse"
MANGLENDE_SVAR = "Manglende svar"
UDFOERSEL = "Manglende udførsel af støtte"
PERSONALETS_OPTRAEDEN = "Personalets optræden"
PERSONFOELSOMME = "Personfølsomme oplysninger"
SAGSBEHANDLERSKIFTE = "Ønske om sagsbehandlerskifte"
ORIENTERING = "Manglende orientering"
MANGLENDE_AFGOERELSE = "Manglende afgørelse"
LANG_SAGSBEHANDLINGSTID = "Lang sagsbehandlingstid"
HELHEDSORIENTERET = "Manglende helhedsorienteret indsats"
STOETTEMULIGHEDER = "Ønske om afklaring af støttemuligheder"
MANGLENDE_VEJLEDNING = "Manglende råd og vejledning"
OENSKE_OM_VEJLEDNING = "Ønske om råd og vejledning"
AKTINDSIGT = "Spørgsmål om aktindsigt"
KLAGEMULIGHEDER = "Spørgsmål om klagemuligheder"
FUNKTIONEN = "Spørgsmål om borgerrådgiverfunktionen"
FAGLIGT_INDHOLD = "Det faglige indhold i en afgørelse"
POLITISK = "Politisk beslutning eller serviceniveau"
ANSAETTELSE = "Ansættelsesforhold i kommunen"
DISKRIMINATION = "Diskrimination"

REASONS = (
    SAGSBEHANDLINGEN,
    PROCEDURE,
    SAGSBEHANDLINGSTID,
    INDDRAGELSE,
    UTILSTRAEKKELIG_STOETTE,
    AFGOERELSE,
    MANGLENDE_SVAR,
    UDFOERSEL,
    PERSONALETS_OPTRAEDEN,
    PERSONFOELSOMME,
    SAGSBEHANDLERSKIFTE,
    ORIENTERING,
    MANGLENDE_AFGOERELSE,
    LANG_SAGSBEHANDLINGSTID,
    HELHEDSORIENTERET,
    STOETTEMULIGHEDER,
    MANGLENDE_VEJLEDNING,
    OENSKE_OM_VEJLEDNING,
    AKTINDSIGT,
    KLAGEMULIGHEDER,
    FUNKTIONEN,
    FAGLIGT_INDHOLD,
    POLITISK,
    ANSAETTELSE,
    DISKRIMINATION,
)

# Handling types (Figure 2 of the report)
ADVICE = "Råd og vejledning"
DIALOGUE = "Dialogsag"
FORWARDED = "Oversendelsessag"
MEETING = "Deltaget i borgers møde med forvaltningen"
COMPLAINT_HELP = "Hjælp til klage over afgørelse"
APPLICATION_HELP = "Hjælp til ansøgning"
OTHER = "Anden behandling"

HANDLING_TYPES = (
    (ADVICE, HandlingType.Kind.ADVICE),
    (DIALOGUE, HandlingType.Kind.DIALOGUE),
    (FORWARDED, HandlingType.Kind.FORWARDED),
    (MEETING, HandlingType.Kind.OTHER),
    (COMPLAINT_HELP, HandlingType.Kind.OTHER),
    (APPLICATION_HELP, HandlingType.Kind.OTHER),
    (OTHER, HandlingType.Kind.OTHER),
)

# Counted actions beside the main handling
ACTION_MEETING = "Deltaget i borgers møde med forvaltningen"
ACTION_COMPLAINT = "Hjulpet med klage over afgørelse"
ACTION_APPLICATION = "Hjulpet med ansøgning"
ACTION_FOLLOW_UP = "Uddybende spørgsmål til forvaltningens svar"

ACTIONS = (ACTION_MEETING, ACTION_COMPLAINT, ACTION_APPLICATION, ACTION_FOLLOW_UP)

# Referral bodies for inquiries outside competence
ANKESTYRELSEN = "Ankestyrelsen"
OMBUDSMANDEN = "Folketingets Ombudsmand"
DOMSTOLENE = "Domstolene"
ANDET = "Andet"

REFERRAL_BODIES = (ANKESTYRELSEN, OMBUDSMANDEN, DOMSTOLENE, ANDET)

# Activity kinds: the advisor's work that is not an inquiry (registration rule 6)
OPLAEG = "Oplæg"
SPARRING = "Sparring med medarbejdere"
DIALOGMOEDE = "Dialogmøde med ledelse"

ACTIVITY_KINDS = (OPLAEG, SPARRING, DIALOGMOEDE)


@dataclass(frozen=True)
class DepartmentSpec:
    name: str
    valid_from: datetime.date = OPENED
    valid_to: datetime.date | None = None
    successor: str | None = None


@dataclass(frozen=True)
class AreaSpec:
    name: str
    kind: str = Area.Kind.ADMINISTRATION
    departments: tuple[DepartmentSpec, ...] = ()


AREAS = (
    AreaSpec(
        LAERING,
        departments=(
            # Renamed at the turn of the year: 2023 reports under the old name, 2024 the new.
            DepartmentSpec(
                FAMILIEAFDELINGEN,
                valid_to=RENAMED - datetime.timedelta(days=1),
                successor=BOERN_OG_FAMILIE,
            ),
            DepartmentSpec(BOERN_OG_FAMILIE, valid_from=RENAMED),
            DepartmentSpec(SKOLE),
            DepartmentSpec(DAGTILBUD),
            DepartmentSpec(PPR),
        ),
    ),
    AreaSpec(
        BESKAEFTIGELSE,
        departments=(
            DepartmentSpec(JOBCENTER),
            DepartmentSpec(BORGERSERVICE),
            DepartmentSpec(UNGEENHEDEN),
            DepartmentSpec(RUSMIDDELCENTER),
        ),
    ),
    AreaSpec(
        SOCIAL_OMSORG,
        departments=(DepartmentSpec(VOKSENHANDICAP), DepartmentSpec(SUNDHED_OG_AELDRE)),
    ),
    AreaSpec(
        VTF,
        departments=(DepartmentSpec(BYG_MILJOE_NATUR), DepartmentSpec(VEJ_PARK_EJENDOMME)),
    ),
    AreaSpec(KOMMUNALDIREKTOER),
    AreaSpec(GENERAL, kind=Area.Kind.GENERAL),
    AreaSpec(OUTSIDE, kind=Area.Kind.OUTSIDE_COMPETENCE),
)


@dataclass
class Organisation:
    """The loaded rows, looked up by the names above."""

    areas: dict[str, Area] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    reasons: dict[str, Reason] = field(default_factory=dict)
    handling_types: dict[str, HandlingType] = field(default_factory=dict)
    actions: dict[str, Action] = field(default_factory=dict)
    referral_bodies: dict[str, ReferralBody] = field(default_factory=dict)
    activity_kinds: dict[str, ActivityKind] = field(default_factory=dict)


def office_load() -> Office:
    office = Office.load()
    office.name = OFFICE_NAME
    office.municipality = MUNICIPALITY
    office.full_clean()
    office.save()
    return office


def organisation_load() -> Organisation:
    """Create or update the areas, departments and lists; return them by name."""
    org = Organisation()
    for area_order, area_spec in enumerate(AREAS, start=1):
        area, _created = Area.objects.update_or_create(
            name=area_spec.name,
            valid_from=OPENED,
            defaults={"kind": area_spec.kind, "sort_order": area_order * 10, "valid_to": None},
        )
        org.areas[area.name] = area
        for department_order, spec in enumerate(area_spec.departments, start=1):
            department, _created = Department.objects.update_or_create(
                area=area,
                name=spec.name,
                valid_from=spec.valid_from,
                defaults={"valid_to": spec.valid_to, "sort_order": department_order * 10},
            )
            org.departments[department.name] = department
    # Successors point forward, so they are set once every department exists.
    for area_spec in AREAS:
        for spec in area_spec.departments:
            if spec.successor is not None:
                department = org.departments[spec.name]
                department.successor = org.departments[spec.successor]
                department.save(update_fields=["successor", "updated_at"])

    for order, name in enumerate(REASONS, start=1):
        org.reasons[name], _created = Reason.objects.update_or_create(
            name=name, defaults={"sort_order": order * 10, "is_active": True}
        )
    for order, (name, kind) in enumerate(HANDLING_TYPES, start=1):
        org.handling_types[name], _created = HandlingType.objects.update_or_create(
            name=name, defaults={"kind": kind, "sort_order": order * 10, "is_active": True}
        )
    for order, name in enumerate(ACTIONS, start=1):
        action_kind = (
            Action.Kind.FOLLOW_UP_QUESTION if name == ACTION_FOLLOW_UP else Action.Kind.OTHER
        )
        org.actions[name], _created = Action.objects.update_or_create(
            name=name,
            defaults={"sort_order": order * 10, "is_active": True, "kind": action_kind},
        )
    for order, name in enumerate(ACTIVITY_KINDS, start=1):
        org.activity_kinds[name], _created = ActivityKind.objects.update_or_create(
            name=name, defaults={"sort_order": order * 10, "is_active": True}
        )
    for order, name in enumerate(REFERRAL_BODIES, start=1):
        org.referral_bodies[name], _created = ReferralBody.objects.update_or_create(
            name=name, defaults={"sort_order": order * 10, "is_active": True}
        )
    return org
