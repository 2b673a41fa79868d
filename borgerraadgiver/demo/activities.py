"""The advisor's activities in 2023 and 2024: the presentations, sparring and meetings.

The 2024 annual report counts 4 presentations (oplæg); the sparring with staff and the meetings
with management are not counted there, so the few below are plausible examples. Loading is an
upsert, so running the demo again never duplicates an activity.
"""

import datetime

from borgerraadgiver.accounts.models import User
from borgerraadgiver.activities.models import Activity
from borgerraadgiver.demo.organisation import (
    BOERN_OG_FAMILIE,
    DIALOGMOEDE,
    FAMILIEAFDELINGEN,
    JOBCENTER,
    OPLAEG,
    SPARRING,
    VOKSENHANDICAP,
    Organisation,
)

D = datetime.date

# (date, kind, department or None, audience, note)
ACTIVITIES: tuple[tuple[datetime.date, str, str | None, str, str], ...] = (
    (D(2023, 3, 14), OPLAEG, None, "Kommunalbestyrelsen", "Borgerrådgiverfunktionen præsenteres."),
    (D(2023, 5, 9), SPARRING, FAMILIEAFDELINGEN, "", "Sparring om partshøring."),
    (D(2023, 9, 26), DIALOGMOEDE, None, "Direktionen", "Halvårsstatus."),
    (D(2023, 11, 7), SPARRING, JOBCENTER, "", "Sparring om vejledningspligten."),
    (D(2024, 2, 6), OPLAEG, None, "Ledergruppen i Læring", "Beretningen for 2023."),
    (D(2024, 3, 19), DIALOGMOEDE, None, "Direktionen", "Beretningen for 2023 drøftes."),
    (D(2024, 4, 23), OPLAEG, BOERN_OG_FAMILIE, "", "God sagsbehandling og inddragelse."),
    (D(2024, 5, 28), SPARRING, VOKSENHANDICAP, "", "Sparring om klagevejledning."),
    (D(2024, 6, 11), SPARRING, JOBCENTER, "", "Sparring om svarfrister."),
    (D(2024, 9, 17), OPLAEG, None, "Handicaprådet", "Borgerrådgiverens arbejde."),
    (D(2024, 10, 8), DIALOGMOEDE, None, "Ledergruppen i Social Omsorg", "Opfølgning på sager."),
    (D(2024, 11, 12), OPLAEG, JOBCENTER, "", "Borgerrådgiverens erfaringer med Jobcentret."),
    (D(2024, 12, 3), SPARRING, BOERN_OG_FAMILIE, "", "Sparring om aktindsigt."),
)


def activities_write(*, org: Organisation, advisor: User) -> int:
    """Create the activities above that are not there yet; return how many the demo holds."""
    for day, kind, department, audience, note in ACTIVITIES:
        Activity.objects.get_or_create(
            activity_date=day,
            kind=org.activity_kinds[kind],
            department=org.departments[department] if department else None,
            audience=audience,
            defaults={"note": note, "created_by": advisor},
        )
    return len(ACTIVITIES)
