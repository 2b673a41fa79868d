"""The recommendations register as the 2024 report speaks of it: the report's two
recommendations (opfordringer; its second and third bullet are one recommendation here: answer
quickly, and keep the citizen informed in long cases), and one from 2023 that the administration
accepted and carried out in 2024, so that the 2024 report shows both the year's recommendations
and the status of the earlier one. Written through the services, with their dates."""

import datetime
from zoneinfo import ZoneInfo

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo import organisation as o
from borgerraadgiver.demo.organisation import Organisation
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.recommendations.models import Recommendation, Status
from borgerraadgiver.recommendations.services import (
    recommendation_close,
    recommendation_create,
    recommendation_follow_up,
    recommendation_respond,
)

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

EARLIER_TEXT = (
    "At afdelingerne kvitterer for borgernes henvendelser og oplyser, hvornår borgeren kan "
    "forvente et svar."
)
INVOLVEMENT_TEXT = (
    "At styrke borgernes mulighed for at medvirke ved behandlingen af sin sag, fx med faste "
    "procedurer for borgerinddragelse i alle relevante sagsgange."
)
ANSWERS_TEXT = (
    "At svare hurtigt og imødekommende på borgernes spørgsmål, klager og forespørgsler, og at "
    "forvaltningerne i komplekse og langstrakte forløb af egen drift opdaterer borgerne om "
    "deres sag."
)


def _at(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=COPENHAGEN)


def _evidence(
    org: Organisation, *, year: int, reason: str, areas: list[str], count: int
) -> list[Inquiry]:
    """The first inquiries of the year in those areas with the reason: the evidence."""
    return list(
        Inquiry.objects.filter(
            received_date__year=year,
            area__in=[org.areas[name] for name in areas],
            reasons=org.reasons[reason],
        ).order_by("received_date", "id")[:count]
    )


def _manager(department: str) -> User:
    return User.objects.get(managed_departments__name=department, is_active=True)


def recommendations_write(*, org: Organisation, advisor: User) -> int:
    """Write the three recommendations with their history; returns how many."""
    Recommendation.objects.all().delete()
    office = Office.load()
    _earlier_write(org=org, advisor=advisor, office=office)
    _report_2024_write(org=org, advisor=advisor, office=office)
    return 3


def _earlier_write(*, org: Organisation, advisor: User, office: Office) -> None:
    """2023's recommendation: accepted in March 2024, carried out by October 2024."""
    earlier = recommendation_create(
        created_by=advisor,
        now=_at(2024, 2, 15),
        text=EARLIER_TEXT,
        period=report_period_for_year(2023, office=office),
        sent_date=datetime.date(2024, 2, 15),
        response_deadline_date=datetime.date(2024, 4, 15),
        areas=[org.areas[o.LAERING]],
        inquiries=_evidence(org, year=2023, reason=o.MANGLENDE_SVAR, areas=[o.LAERING], count=2),
        reasons=[org.reasons[o.MANGLENDE_SVAR]],
    )
    recommendation_respond(
        recommendation=earlier,
        responded_by=_manager(o.BOERN_OG_FAMILIE),
        now=_at(2024, 3, 20),
        status=Status.ACCEPTED,
        text="Vi er enige i, at borgerne skal vide, hvornår de kan forvente svar.",
        planned_action="Et fast kvitteringsbrev med forventet svartid i alle nye henvendelser.",
        planned_by_date=datetime.date(2024, 9, 1),
    )
    recommendation_follow_up(
        recommendation=earlier,
        recorded_by=advisor,
        now=_at(2024, 9, 10),
        text="Drøftet med afdelingsledelsen: kvitteringsbrevet er taget i brug.",
    )
    recommendation_close(
        recommendation=earlier,
        closed_by=advisor,
        now=_at(2024, 10, 1),
        status=Status.CARRIED_OUT,
        closed_date=datetime.date(2024, 10, 1),
        reason="Kvitteringsbrevet bruges i alle nye sager fra 1. september 2024.",
    )


def _report_2024_write(*, org: Organisation, advisor: User, office: Office) -> None:
    """The 2024 report's two recommendations, sent in March 2025 and answered in April."""
    admin_areas = [o.LAERING, o.BESKAEFTIGELSE, o.SOCIAL_OMSORG, o.VTF]
    period = report_period_for_year(2024, office=office)
    involvement = recommendation_create(
        created_by=advisor,
        now=_at(2025, 3, 3),
        text=INVOLVEMENT_TEXT,
        period=period,
        sent_date=datetime.date(2025, 3, 3),
        response_deadline_date=datetime.date(2025, 5, 1),
        areas=[org.areas[name] for name in (o.LAERING, o.BESKAEFTIGELSE, o.SOCIAL_OMSORG)],
        inquiries=_evidence(
            org,
            year=2024,
            reason=o.INDDRAGELSE,
            areas=[o.LAERING, o.BESKAEFTIGELSE, o.SOCIAL_OMSORG],
            count=3,
        ),
        reasons=[org.reasons[o.INDDRAGELSE]],
    )
    recommendation_respond(
        recommendation=involvement,
        responded_by=_manager(o.JOBCENTER),
        now=_at(2025, 4, 10),
        status=Status.ACCEPTED,
        text="Jobcentret tager opfordringen til sig.",
        planned_action="Faste punkter om borgerens egne ønsker i alle samtaleskabeloner.",
        planned_by_date=datetime.date(2025, 12, 31),
    )
    answers = recommendation_create(
        created_by=advisor,
        now=_at(2025, 3, 3),
        text=ANSWERS_TEXT,
        period=period,
        sent_date=datetime.date(2025, 3, 3),
        response_deadline_date=datetime.date(2025, 5, 1),
        areas=[org.areas[name] for name in admin_areas],
        inquiries=_evidence(org, year=2024, reason=o.MANGLENDE_SVAR, areas=admin_areas, count=3),
        reasons=[org.reasons[o.MANGLENDE_SVAR], org.reasons[o.ORIENTERING]],
    )
    recommendation_respond(
        recommendation=answers,
        responded_by=_manager(o.BOERN_OG_FAMILIE),
        now=_at(2025, 4, 22),
        status=Status.PARTLY_ACCEPTED,
        text="Vi svarer inden for tre uger, men kan ikke love løbende opdateringer i alle sager.",
        planned_action=(
            "Opdatering af borgeren hver tredje måned i sager, der varer over et halvt år."
        ),
        planned_by_date=datetime.date(2025, 10, 1),
    )
