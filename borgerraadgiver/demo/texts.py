"""Invented people and the one-line summaries a caseworker would write.

Every name is made up and obviously so (Prøvesen, Eksempelsen, …). Phone numbers start with
12 34: Danish subscriber numbers never start with 1, so none of them can ring anyone. E-mail
addresses are at example.com, which is reserved for examples.
"""

import random
from dataclasses import dataclass

from borgerraadgiver.demo import organisation as o
from borgerraadgiver.inquiries.models import ComplainantKind

FIRST_NAMES = (
    "Anne",
    "Mette",
    "Lars",
    "Søren",
    "Henrik",
    "Karen",
    "Jens",
    "Hanne",
    "Peter",
    "Louise",
    "Mads",
    "Camilla",
    "Niels",
    "Pia",
    "Rasmus",
    "Line",
    "Thomas",
    "Maja",
    "Kasper",
    "Birgitte",
    "Bo",
    "Lene",
    "Jesper",
    "Signe",
    "Ole",
    "Tina",
    "Morten",
    "Charlotte",
    "Frederik",
    "Helle",
)
SURNAMES = (
    "Prøvesen",
    "Eksempelsen",
    "Demosen",
    "Fiktivsen",
    "Opdigtsen",
    "Testesen",
    "Skabelonsen",
    "Attrapsen",
    "Modelsen",
    "Påtænktsen",
    "Udkastsen",
    "Kladdesen",
    "Forsøgsen",
    "Mønstersen",
)
COMPANY_NAMES = ("Eksempel", "Demo", "Prøve", "Fiktiv", "Opdigtet", "Attrap")
COMPANY_TRADES = ("Byg ApS", "Transport A/S", "Landbrug I/S", "Ejendomme A/S", "VVS ApS")
STREETS = ("Prøvevej", "Demogade", "Eksempelvej", "Fiktivvænget", "Opdigtet Allé", "Testtoften")
# Real postcodes in the municipality, on invented streets.
TOWNS = (
    "8722 Hedensted",
    "7130 Juelsminde",
    "7160 Tørring",
    "8763 Rask Mølle",
    "8783 Hornsyld",
    "7140 Stouby",
    "8723 Løsning",
    "7171 Uldum",
)

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": ".", "/": "", "&": "og"})


@dataclass(frozen=True)
class FictionalPerson:
    name: str
    phone: str
    email: str
    address: str


def _email_local_part(name: str) -> str:
    return "".join(ch for ch in name.lower().translate(_ASCII) if ch.isalnum() or ch == ".")


class PeoplePool:
    """Hands out made-up people and companies, each name once, so a name search finds one."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        people = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
        companies = [f"{name} {trade}" for name in COMPANY_NAMES for trade in COMPANY_TRADES]
        self._people = rng.sample(people, len(people))
        self._companies = rng.sample(companies, len(companies))
        self._count = 0

    def draw(self, kind: str) -> FictionalPerson:
        """The next person (or company); raises IndexError when the names run out."""
        rng = self._rng
        self._count += 1
        number = self._count
        name = (self._companies if kind == ComplainantKind.COMPANY else self._people).pop()
        # Many people give only a phone number or only an e-mail address.
        phone = f"12 34 {number // 100 % 100:02d} {number % 100:02d}" if rng.random() < 0.85 else ""
        email = f"{_email_local_part(name)}@example.com" if rng.random() < 0.6 else ""
        address = (
            f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {rng.choice(TOWNS)}"
            if rng.random() < 0.4
            else ""
        )
        return FictionalPerson(name=name, phone=phone, email=email, address=address)


# What a case is about, per department (or per area where there are no departments).
TOPICS: dict[str, tuple[str, ...]] = {
    o.FAMILIEAFDELINGEN: (
        "børnefaglig undersøgelse",
        "aflastning",
        "tabt arbejdsfortjeneste",
        "merudgifter til barn med handicap",
        "underretning",
        "samvær",
        "forebyggende foranstaltning",
    ),
    o.BOERN_OG_FAMILIE: (
        "børnefaglig undersøgelse",
        "aflastning",
        "tabt arbejdsfortjeneste",
        "merudgifter til barn med handicap",
        "underretning",
        "samvær",
        "forebyggende foranstaltning",
    ),
    o.SKOLE: ("specialklasse", "skolekørsel", "ufrivilligt skolefravær", "skoleskift"),
    o.DAGTILBUD: ("støtte i børnehaven", "pladsanvisning", "økonomisk friplads"),
    o.PPR: ("PPR-vurdering",),
    o.JOBCENTER: (
        "sygedagpenge",
        "ressourceforløb",
        "jobafklaringsforløb",
        "fleksjob",
        "kontanthjælp",
        "førtidspension",
    ),
    o.BORGERSERVICE: ("boligstøtte", "enkeltydelse", "personligt tillæg", "lån til indskud"),
    o.UNGEENHEDEN: ("uddannelseshjælp", "mentorstøtte", "ungdomsuddannelse"),
    o.RUSMIDDELCENTER: ("behandlingstilbud", "bostøtte"),
    o.VOKSENHANDICAP: ("socialpædagogisk støtte", "botilbud", "ledsageordning", "BPA"),
    o.SUNDHED_OG_AELDRE: (
        "hjemmehjælp",
        "hjemmesygepleje",
        "plejebolig",
        "hjælpemidler",
        "genoptræning",
    ),
    o.BYG_MILJOE_NATUR: ("byggetilladelse", "nabohøring", "landzonetilladelse", "spildevand"),
    o.VEJ_PARK_EJENDOMME: ("vintervedligeholdelse", "overkørsel", "vejbelysning", "træfældning"),
    o.KOMMUNALDIREKTOER: ("kommunens klagehåndtering",),
    o.OUTSIDE: ("hjælpemidler", "sygedagpenge", "førtidspension", "handicapkompensation"),
}

REASON_SUMMARIES: dict[str, tuple[str, ...]] = {
    o.SAGSBEHANDLINGEN: (
        "Spørgsmål til den igangværende sagsbehandling i sag om {topic}",
        "Ønsker at drøfte sagsforløbet om {topic} med en uvildig part",
    ),
    o.PROCEDURE: (
        "Spørgsmål til det videre forløb i sag om {topic}",
        "Vil vide, hvilke skridt kommunen tager i sag om {topic}",
    ),
    o.SAGSBEHANDLINGSTID: (
        "Spørger, hvor lang tid sagen om {topic} må tage",
        "Spørgsmål om forventet sagsbehandlingstid, {topic}",
    ),
    o.INDDRAGELSE: (
        "Oplever ikke at blive inddraget i sag om {topic}",
        "Føler sig ikke hørt i sagen om {topic}",
    ),
    o.UTILSTRAEKKELIG_STOETTE: ("Oplever, at støtten i sag om {topic} ikke slår til",),
    o.AFGOERELSE: (
        "Ønsker afgørelsen om {topic} forklaret",
        "Forstår ikke begrundelsen i afgørelse om {topic}",
    ),
    o.MANGLENDE_SVAR: (
        "Har ikke fået svar på henvendelse om {topic}",
        "Venter stadig på svar i sag om {topic}",
    ),
    o.UDFOERSEL: ("Bevilget støtte i sag om {topic} er ikke sat i gang",),
    o.PERSONALETS_OPTRAEDEN: ("Utilfreds med en medarbejders optræden i sag om {topic}",),
    o.PERSONFOELSOMME: (
        "Bekymret for håndteringen af personfølsomme oplysninger i sag om {topic}",
    ),
    o.SAGSBEHANDLERSKIFTE: (
        "Ønsker ny sagsbehandler i sag om {topic}",
        "Har haft mange skift af sagsbehandler i sag om {topic}",
    ),
    o.ORIENTERING: ("Er ikke blevet orienteret om status i sag om {topic}",),
    o.MANGLENDE_AFGOERELSE: ("Har endnu ikke fået afgørelse i sag om {topic}",),
    o.LANG_SAGSBEHANDLINGSTID: ("Oplever lang sagsbehandlingstid i sag om {topic}",),
    o.HELHEDSORIENTERET: ("Savner sammenhæng mellem indsatserne i sag om {topic}",),
    o.STOETTEMULIGHEDER: ("Ønsker afklaring af støttemuligheder i forbindelse med {topic}",),
    o.MANGLENDE_VEJLEDNING: ("Oplever ikke at være blevet vejledt i sag om {topic}",),
    o.OENSKE_OM_VEJLEDNING: ("Ønsker råd og vejledning om {topic}",),
    o.AKTINDSIGT: ("Spørgsmål om aktindsigt i sag om {topic}",),
    o.KLAGEMULIGHEDER: ("Spørger til klagemuligheder i sag om {topic}",),
    o.FUNKTIONEN: (
        "Spørgsmål om, hvad borgerrådgiveren kan hjælpe med",
        "Ønsker oplæg om borgerrådgiverfunktionen",
        "Spørgsmål til borgerrådgiverens beretning",
    ),
    o.FAGLIGT_INDHOLD: ("Uenig i den faglige vurdering i afgørelse om {topic}",),
    o.POLITISK: ("Utilfreds med kommunens serviceniveau",),
    o.ANSAETTELSE: ("Spørgsmål om eget ansættelsesforhold i kommunen",),
    o.DISKRIMINATION: ("Oplever forskelsbehandling i sag om {topic}",),
}

# The main handling says more than the reason when the advisor did something beyond advice.
HANDLING_SUMMARIES: dict[str, str] = {
    o.MEETING: "Ønsker borgerrådgiveren med til møde om {topic}",
    o.COMPLAINT_HELP: "Hjælp til at klage over afgørelse om {topic}",
    o.APPLICATION_HELP: "Hjælp til ansøgning om {topic}",
}


def summary_write(
    *, handling: str, reasons: tuple[str, ...], places: list[str], rng: random.Random
) -> str:
    """A one-line summary; `places` are the department (or area) names it concerns."""
    topic = rng.choice(TOPICS.get(places[0], TOPICS[o.OUTSIDE]))
    template = HANDLING_SUMMARIES.get(handling) or rng.choice(REASON_SUMMARIES[reasons[0]])
    summary = template.format(topic=topic)
    if len(places) > 1:
        summary += ", berører også " + " og ".join(places[1:])
    return summary


CONTACT_NOTES: dict[str, tuple[str, ...]] = {
    "follow_up": (
        "Borger ringer igen med supplerende spørgsmål",
        "Borger sender supplerende oplysninger",
        "Opfølgende samtale med borger",
        "Borger fortæller om seneste møde med afdelingen",
    ),
    "involved": (
        "Forvaltningens svar modtaget og drøftet med borger",
        "Borger orienteret om forvaltningens tilbagemelding",
        "Ledelsen har kontaktet borger",
    ),
    "meeting": ("Deltaget i møde med borger og afdelingen", "Forberedende samtale før mødet"),
}
