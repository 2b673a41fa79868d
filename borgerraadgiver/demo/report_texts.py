"""The 2024 report's own words, abridged from Hedensted's published report, and two of its case
examples, so that the demo's annual report reads like the real one.

The examples were approved for print before the system existed: they are loaded as approved,
with no inquiry, no writer and no approver (the app asks a second advisor for every new one).
"""

import datetime

from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo.organisation import BESKAEFTIGELSE, LAERING, Organisation
from borgerraadgiver.organisation.models import HandlingType, Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content.models import CaseExample, Section
from borgerraadgiver.report_content.services import report_text_save

YEAR = 2024
WRITTEN_AT = timezone.make_aware(datetime.datetime(2025, 2, 3, 10, 0))

TEXTS: dict[str, str] = {
    Section.INTRODUCTION: (
        "Velkommen til borgerrådgiverens beretning for året 2024. Borgerrådgiveren afgiver en gang "
        "årligt en beretning, som skal behandles i kommunalbestyrelsen.\n\n"
        "Beretningen giver et samlet overblik over borgerhenvendelserne i det forgangne år samt de "
        "bagvedliggende årsager. Formålet er at skabe indsigt i, hvorfor nogle borgere oplever "
        "behov for at kontakte borgerrådgiveren.\n\n"
        "Vi vil gerne rette en stor tak til kommunens forvaltninger for det gode og konstruktive "
        "samarbejde i løbet af året. God læselyst."
    ),
    Section.ABOUT_OFFICE: (
        "Hvem: Enhver borger eller virksomhed, der har en individuel og væsentlig interesse i en "
        "sag, kan klage til borgerrådgiveren. En klager må gerne være anonym.\n\n"
        "Hvad: Borgerrådgiveren behandler klager over sagsbehandlingen frem til og efter "
        "afgørelsen, over personalets optræden, faktisk forvaltningsvirksomhed og diskrimination. "
        "Borgerrådgiveren kan ikke behandle klager, der hører under andre klageinstanser, det "
        "faglige indhold i afgørelser eller politisk vedtagne beslutninger."
    ),
    Section.MAIN_THEMES: (
        "Henvendelserne har i 2024 især handlet om:\n\n"
        "- Spørgsmål til (igangværende) sagsbehandling\n"
        "- Spørgsmål til sagsbehandlingsprocedure\n"
        "- Manglende inddragelse\n"
        "- Spørgsmål til borgerens afgørelse\n"
        "- Borgerens oplevelse af utilstrækkelig støtte\n\n"
        "I de tilfælde, hvor vi har involveret forvaltningen, har manglende svar været den "
        "primære årsag."
    ),
    # The recommendations themselves are in the register (demo/recommendations.py).
    Section.RECOMMENDATIONS: (
        "Med baggrund i årets henvendelser og dialogen med borgere og forvaltninger har vi "
        "følgende opfordringer:"
    ),
    Section.ADVICE: (
        "Nogle borgere oplever kommunens måde at kommunikere på som svær at forstå. De ønsker "
        "vejledning fra en uvildig part, der kan forklare sagsskridtene, konsekvenserne af "
        "afgørelserne og mulighederne for at gå videre."
    ),
    Section.INVOLVED: (
        "Afdelingernes svar indeholder generelt uddybende forklaringer, og i flere tilfælde har "
        "afdelingen inviteret borgeren til en dialog om forløbet. En anerkendelse og en beklagelse "
        "har stor betydning for borgerens tillid til kommunen."
    ),
    Section.ADVISOR_FUNCTION: (
        "Kommunen er altid velkommen til at kontakte os, og vi vil gerne inviteres ud i "
        "afdelingerne for at præsentere borgerrådgiverfunktionen."
    ),
    Section.CLOSING: "Vi ser frem til at fortsætte det gode samarbejde med kommunen i 2025.",
    Section.METHOD: (
        "De registrerede henvendelser er ikke repræsentative for al sagsbehandling i kommunen. "
        "De er en indikator frem for statistisk håndfaste beviser: det er i højere grad indholdet "
        "i henvendelserne end antallet, der kan bruges til at forbedre sagsbehandlingen."
    ),
}

AREA_TEXTS = {
    LAERING: (
        "Der er tegn på, at ikke alle borgere fuldt ud forstår deres sagsforløb. Sagsbehandlerne "
        "kunne som en fast del af dialogen informere om:\n\n"
        "- De aktuelle trin i sagsbehandlingen\n"
        "- Formålet med de enkelte undersøgelser\n"
        "- Det forventede forløb fremover"
    ),
    BESKAEFTIGELSE: (
        "Flere borgere ønsker en højere grad af inddragelse, særligt i de langstrakte forløb, "
        "hvor arbejdsevnen skal afklares."
    ),
}

EXAMPLES = [
    (
        LAERING,
        HandlingType.Kind.ADVICE,
        "Ny sagsbehandler for syvende gang",
        "En borger henvender sig, da familien nu for syvende gang har fået en ny sagsbehandler. "
        "Borgeren oplever det frustrerende at skulle begynde forfra hver gang.\n\n"
        "Vi lytter til borgerens oplevelser og giver råd og vejledning om, hvordan et sagsforløb "
        "kan komme godt fra start.",
    ),
    (
        LAERING,
        HandlingType.Kind.FORWARDED,
        "Mange rådgiverskift og ingen kvittering",
        "En borger var frustreret over ikke at kunne få svar fra sin sagsbehandler og over, at "
        "familien på 10 måneder havde haft seks forskellige rådgivere.\n\n"
        "Chefen for området tog efter henvendelsen personligt kontakt til borgeren og bekræftede "
        "over for borgerrådgiveren, at de hyppige rådgiverskift ikke var tilfredsstillende.",
    ),
]


def report_texts_write(*, org: Organisation, advisor: User) -> int:
    """Write the 2024 texts (a new version only where they differ) and the two examples, for
    the office's report year 2024."""
    period = report_period_for_year(YEAR, office=Office.load())
    for section, body in TEXTS.items():
        report_text_save(
            user=advisor, period=period, section=section, area=None, body=body, now=WRITTEN_AT
        )
    for name, body in AREA_TEXTS.items():
        report_text_save(
            user=advisor,
            period=period,
            section=Section.AREA,
            area=org.areas[name],
            body=body,
            now=WRITTEN_AT,
        )
    for position, (area, kind, title, text) in enumerate(EXAMPLES, start=1):
        CaseExample.objects.get_or_create(
            period_start=period.start,
            period_end=period.end,
            title=title,
            defaults={
                "area": org.areas[area],
                "area_name": area,
                "handling_kind": kind,
                "text": text,
                "status": CaseExample.Status.APPROVED,
                "position": position,
                "approved_at": WRITTEN_AT,
            },
        )
    return len(TEXTS) + len(AREA_TEXTS)
