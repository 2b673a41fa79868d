"""The current caseload's inquiries as plain data: who came, about what, and what was done.

Every person is invented in the manner of `texts.py` (surnames no one has, phone numbers
starting 12 34, addresses on made-up streets with the municipality's real postcodes), with names
of their own so that a name search finds the one case.
"""

from dataclasses import dataclass

from borgerraadgiver.demo import organisation as o
from borgerraadgiver.inquiries.models import Channel, ComplainantKind
from borgerraadgiver.inquiries.services.inputs import PersonData

# What happens to the inquiry's forwarding, relative to the day the demo is loaded.
OVERDUE = "overdue"  # sent, no answer, the deadline missed by two working days
DUE = "due"  # sent, the deadline this week
ANSWERED = "answered"  # the department has answered; the advisor has not read it yet
OVERDUE_WORKING_DAYS = 2


@dataclass(frozen=True)
class CurrentCase:
    summary: str
    area: str
    department: str | None
    reasons: tuple[str, ...]
    handling: str
    channel: str
    complainant_kind: str
    person: PersonData | None
    # Received this many working days before the day the demo is loaded; a forwarded case is
    # received two working days before its forwarding was sent instead.
    working_days_ago: int = 0
    forwarding: str = ""
    # A note and a follow-up date ("Genoptag den …") of today: back on the front page today.
    resume_note: str = ""


CASES = (
    CurrentCase(
        summary=(
            "Har ikke fået svar på ansøgning om forlængelse af sygedagpenge, sendt for over to "
            "måneder siden. Ydelsen er stoppet, og borgeren kan ikke betale husleje"
        ),
        area=o.BESKAEFTIGELSE,
        department=o.JOBCENTER,
        reasons=(o.MANGLENDE_SVAR,),
        handling=o.FORWARDED,
        channel=Channel.PHONE,
        complainant_kind=ComplainantKind.CITIZEN,
        person=PersonData(
            name="Birthe Skitsesen",
            phone="12 34 90 01",
            address="Skitsevej 14, 7130 Juelsminde",
        ),
        forwarding=OVERDUE,
    ),
    CurrentCase(
        summary=(
            "Far til dreng på 9 år er ikke inddraget i den børnefaglige undersøgelse og har ikke "
            "fået referat af netværksmødet på skolen"
        ),
        area=o.LAERING,
        department=o.BOERN_OG_FAMILIE,
        reasons=(o.INDDRAGELSE,),
        handling=o.DIALOGUE,
        channel=Channel.EMAIL,
        complainant_kind=ComplainantKind.CITIZEN,
        person=PersonData(
            name="Kim Øvelsesen",
            phone="12 34 90 02",
            email="kim.oevelsesen@example.com",
        ),
        forwarding=DUE,
    ),
    CurrentCase(
        summary=(
            "Bevilget socialpædagogisk støtte til søn på 24 år er ikke sat i gang efter tre "
            "måneder. Moren henvender sig med fuldmagt fra sønnen"
        ),
        area=o.SOCIAL_OMSORG,
        department=o.VOKSENHANDICAP,
        reasons=(o.UDFOERSEL,),
        handling=o.FORWARDED,
        channel=Channel.MEETING,
        complainant_kind=ComplainantKind.REPRESENTATIVE,
        person=PersonData(
            name="Dorthe Pilotsen",
            phone="12 34 90 03",
            email="dorthe.pilotsen@example.com",
            address="Øvelsesvej 3, 8722 Hedensted",
        ),
        forwarding=ANSWERED,
    ),
    CurrentCase(
        summary=(
            "Forældre venter på afgørelse om kørsel til datterens specialklasse og kører hende "
            "selv hver dag; spørger, hvor lang tid sagen må tage"
        ),
        area=o.LAERING,
        department=o.SKOLE,
        reasons=(o.SAGSBEHANDLINGSTID,),
        handling=o.ADVICE,
        channel=Channel.PHONE,
        complainant_kind=ComplainantKind.CITIZEN,
        person=PersonData(name="Jonas Prototypsen", phone="12 34 90 04"),
        working_days_ago=1,
    ),
    CurrentCase(
        summary=(
            "Forstår ikke afslaget på enkeltydelse til tandbehandling og vil vide, hvordan og "
            "hvornår der kan klages"
        ),
        area=o.BESKAEFTIGELSE,
        department=o.BORGERSERVICE,
        reasons=(o.AFGOERELSE,),
        handling=o.ADVICE,
        channel=Channel.WEB_FORM,
        complainant_kind=ComplainantKind.CITIZEN,
        person=PersonData(
            name="Allan Simulantsen",
            email="allan.simulantsen@example.com",
            address="Kladdestien 8, 7160 Tørring",
        ),
        working_days_ago=3,
    ),
    CurrentCase(
        summary=(
            "Datter til 87-årig mor oplever skiftende hjemmehjælpere og aflyste besøg; vil vide, "
            "hvad moren kan forvente, og hvem hun skal tale med"
        ),
        area=o.SOCIAL_OMSORG,
        department=o.SUNDHED_OG_AELDRE,
        reasons=(o.SAGSBEHANDLINGEN,),
        handling=o.ADVICE,
        channel=Channel.PHONE,
        complainant_kind=ComplainantKind.REPRESENTATIVE,
        person=PersonData(name="Susanne Udgivsen", phone="12 34 90 06"),
        working_days_ago=5,
    ),
    CurrentCase(
        summary=(
            "Tømrerfirma spørger til det videre forløb i sag om byggetilladelse til carport; "
            "sagen har ligget stille siden nabohøringen"
        ),
        area=o.VTF,
        department=o.BYG_MILJOE_NATUR,
        reasons=(o.PROCEDURE,),
        handling=o.ADVICE,
        channel=Channel.EMAIL,
        complainant_kind=ComplainantKind.COMPANY,
        person=PersonData(
            name="Skitse Tømrer ApS",
            phone="12 34 90 07",
            email="post@skitse-toemrer.example.com",
        ),
        working_days_ago=8,
        resume_note=(
            "Firmaet har selv skrevet til Byg, Miljø & Natur og venter svar i denne uge. Vi "
            "følger op, hvis der ikke er kommet svar."
        ),
    ),
    CurrentCase(
        summary=(
            "Anonym forælder er utilfreds med tonen fra en medarbejder ved aflevering i "
            "dagplejen og ønsker råd om, hvordan det kan tages op"
        ),
        area=o.LAERING,
        department=o.DAGTILBUD,
        reasons=(o.PERSONALETS_OPTRAEDEN,),
        handling=o.ADVICE,
        channel=Channel.PHONE,
        complainant_kind=ComplainantKind.ANONYMOUS,
        person=None,
        working_days_ago=12,
    ),
)
