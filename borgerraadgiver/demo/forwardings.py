"""Managers, the forwardings behind the demo's dialogue cases and complaints, and declines.

Every 2024 inquiry handled as a dialogue case or a forwarded complaint gets the citizen's
consent and a forwarding sent two days after it was received, through the forwarding services:
to its department's management, or to the area's own management where the area has no
departments (the one complaint about the municipal director's area). Closed inquiries were
answered and closed with an outcome; open ones still await the department's answer. Where the
plan has a follow-up question, it is asked on the department's answer, which is how the report
counts it. A few citizens who came with advice questions did not want their case taken to the
department; that choice is recorded, as the 2024 report describes.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo import organisation as o
from borgerraadgiver.demo.users import MANAGER_PASSWORD
from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.forwarding.consents import consent_record, consent_refusal_record
from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
from borgerraadgiver.forwarding.services import (
    forwarding_close,
    forwarding_draft,
    forwarding_follow_up,
    forwarding_send,
)
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department, HandlingType

OFFICE_TIME_ZONE = ZoneInfo("Europe/Copenhagen")
OUTCOMES = [
    Forwarding.Outcome.ANSWERED,
    Forwarding.Outcome.APOLOGY,
    Forwarding.Outcome.PARTLY_UPHELD,
    Forwarding.Outcome.NOT_UPHELD,
    Forwarding.Outcome.UPHELD,
]
# Advice inquiries of 2024 about these reasons where the citizen declined to have the case
# taken further ("I flere tilfælde har borgerne dog ikke ønsket, at vi videresender …").
DECLINED_REASONS = (o.INDDRAGELSE, o.UTILSTRAEKKELIG_STOETTE)
DECLINED_COUNT = 6
ANSWER = (
    "Kære borger\n\nTak for din henvendelse via borgerrådgiveren. Vi har gennemgået forløbet og "
    "vender tilbage med en afklaring inden for en uge.\n\nMed venlig hilsen\nLedelsen"
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OFFICE_TIME_ZONE)


def manager_username(place: Department | Area) -> str:
    """'Sundhed og Ældre' → 'leder-sundhed-og-aeldre': the Danish letters spelled out, as
    slugify drops them."""
    name = place.name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return "leder-" + slugify(name)


def _manager(place: Department | Area) -> User:
    user, _created = User.objects.get_or_create(username=manager_username(place))
    user.first_name = "Leder"
    user.last_name = place.name
    user.email = f"{user.username}@example.com"
    user.is_active = True
    user.set_password(MANAGER_PASSWORD)
    user.save()
    return user


def managers_load() -> dict[tuple[str, int], User]:
    """One manager per department in use, and one for each area of the administration that has
    no departments (its own management), all with the published demo password. Keyed by
    ("department", id) or ("area", id)."""
    managers: dict[tuple[str, int], User] = {}
    for department in Department.objects.filter(valid_to__isnull=True):
        user = _manager(department)
        user.managed_departments.set([department])
        managers["department", department.pk] = user
    with_departments = Department.objects.filter(valid_to__isnull=True).values("area_id")
    for area in Area.objects.filter(valid_to__isnull=True, kind=Area.Kind.ADMINISTRATION).exclude(
        pk__in=with_departments
    ):
        user = _manager(area)
        user.managed_areas.set([area])
        managers["area", area.pk] = user
    _retire_other_managers(keep=[user.pk for user in managers.values()])
    return managers


def _retire_other_managers(*, keep: list[int]) -> None:
    """A demo manager of an earlier load under another name ('leder-sundhed-og-ldre' before the
    Danish capitals were spelled out) manages nothing and cannot log in with the published
    password any more."""
    for user in User.objects.filter(username__startswith="leder-").exclude(pk__in=keep):
        user.managed_departments.clear()
        user.managed_areas.clear()
        user.is_active = False
        user.set_unusable_password()
        user.save()


def _send(inquiry: Inquiry, *, advisor: User) -> Forwarding:
    received = inquiry.received_date
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=_at(received, 11),
        given_by=inquiry.person.name if inquiry.person else "Borgeren (anonym)",
        given_date=received,
        method=ConsentMethod.PHONE,
    )
    sent_on = received + datetime.timedelta(days=2)
    forwarding = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=_at(sent_on, 9),
        kind=inquiry.handling_type.kind,
        department=inquiry.department,
        area=inquiry.area,
        text=(
            "Borgerrådgiveren beder ledelsen forholde sig til følgende:\n\n"
            f"{inquiry.summary}\n\nBorgeren har givet samtykke til, at vi kontakter jer."
        ),
    )
    return forwarding_send(forwarding=forwarding, sent_by=advisor, now=_at(sent_on, 9))


def forwardings_write(
    *,
    advisor: User,
    managers: dict[tuple[str, int], User],
    follow_ups: dict[int, datetime.date],
) -> int:
    involved = (
        Inquiry.objects.filter(
            received_date__year=2024,
            handling_type__kind__in=[HandlingType.Kind.DIALOGUE, HandlingType.Kind.FORWARDED],
        )
        .select_related("person", "area", "department", "handling_type")
        .order_by("received_date", "pk")
    )
    count = 0
    for number, inquiry in enumerate(involved):
        forwarding = _send(inquiry, advisor=advisor)
        count += 1
        follow_up = follow_ups.get(inquiry.pk)
        if inquiry.status != Inquiry.Status.CLOSED and follow_up is None:
            continue
        manager = managers[
            ("department", inquiry.department_id)
            if inquiry.department_id is not None
            else ("area", inquiry.area_id)
        ]
        assert forwarding.sent_date is not None
        answered_on = forwarding.sent_date + datetime.timedelta(days=9 + number % 8)
        forwarding_answer(
            forwarding=forwarding, answered_by=manager, now=_at(answered_on, 13), answer_text=ANSWER
        )
        if follow_up is not None:
            answered_on = _follow_up(forwarding, advisor, manager, asked_on=follow_up)
        if inquiry.status == Inquiry.Status.CLOSED:
            forwarding_close(
                forwarding=forwarding,
                closed_by=advisor,
                now=_at(answered_on + datetime.timedelta(days=1), 10),
                outcome=OUTCOMES[number % len(OUTCOMES)],
            )
    return count


def _follow_up(
    forwarding: Forwarding, advisor: User, manager: User, *, asked_on: datetime.date
) -> datetime.date:
    """The advisor asks a follow-up question on the answer; the department answers it."""
    forwarding_follow_up(
        forwarding=forwarding,
        asked_by=advisor,
        now=_at(asked_on, 12),
        text="Kan I uddybe, hvordan I vil sikre, at borgeren får svar fremover?",
    )
    answered_on = asked_on + datetime.timedelta(days=5)
    forwarding_answer(
        forwarding=forwarding,
        answered_by=manager,
        now=_at(answered_on, 13),
        answer_text="Vi har aftalt faste opfølgningsdatoer med borgeren.",
    )
    return answered_on


def declines_write(*, advisor: User) -> int:
    """Record that some citizens with advice questions did not want their case forwarded."""
    declined = list(
        Inquiry.objects.filter(
            received_date__year=2024,
            handling_type__kind=HandlingType.Kind.ADVICE,
            person__isnull=False,
            reasons__name__in=DECLINED_REASONS,
        )
        .select_related("person")
        .distinct()
        .order_by("received_date", "pk")[:DECLINED_COUNT]
    )
    for inquiry in declined:
        assert inquiry.person is not None
        consent_refusal_record(
            inquiry=inquiry,
            recorded_by=advisor,
            now=_at(inquiry.received_date, 15),
            given_by=inquiry.person.name,
            refused_date=inquiry.received_date,
            method=ConsentMethod.PHONE,
            note="Borgeren er bekymret for, om en klage kan påvirke sagen.",
        )
    return len(declined)
