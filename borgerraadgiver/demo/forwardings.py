"""Department managers and the forwardings behind the demo's dialogue cases and complaints.

Every 2024 inquiry handled as a dialogue case or a forwarded complaint, in a department, gets
the citizen's consent and a forwarding sent two days after it was received, through the
forwarding services. Closed inquiries were answered and closed with an outcome; open ones
still await the department's answer.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from borgerraadgiver.accounts.models import User
from borgerraadgiver.demo.users import MANAGER_PASSWORD
from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
from borgerraadgiver.forwarding.services import (
    consent_record,
    forwarding_answer,
    forwarding_close,
    forwarding_draft,
    forwarding_send,
)
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Department, HandlingType

OFFICE_TIME_ZONE = ZoneInfo("Europe/Copenhagen")
OUTCOMES = [
    Forwarding.Outcome.ANSWERED,
    Forwarding.Outcome.APOLOGY,
    Forwarding.Outcome.PARTLY_UPHELD,
    Forwarding.Outcome.NOT_UPHELD,
    Forwarding.Outcome.UPHELD,
]


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OFFICE_TIME_ZONE)


def manager_username(department: Department) -> str:
    return "leder-" + slugify(
        department.name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    )


def managers_load() -> dict[int, User]:
    """One manager per department in use, all with the published demo password."""
    managers = {}
    for department in Department.objects.filter(valid_to__isnull=True):
        user, _created = User.objects.get_or_create(username=manager_username(department))
        user.first_name = "Leder"
        user.last_name = department.name
        user.email = f"{user.username}@example.com"
        user.is_active = True
        user.set_password(MANAGER_PASSWORD)
        user.save()
        user.managed_departments.set([department])
        managers[department.pk] = user
    return managers


def forwardings_write(*, advisor: User, managers: dict[int, User]) -> int:
    involved = (
        Inquiry.objects.filter(
            received_date__year=2024,
            department__isnull=False,
            handling_type__kind__in=[HandlingType.Kind.DIALOGUE, HandlingType.Kind.FORWARDED],
        )
        .select_related("person", "department", "handling_type")
        .order_by("received_date", "pk")
    )
    count = 0
    for number, inquiry in enumerate(involved):
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
            department=inquiry.department,  # type: ignore[arg-type]
            text=(
                "Borgerrådgiveren beder afdelingen forholde sig til følgende:\n\n"
                f"{inquiry.summary}\n\nBorgeren har givet samtykke til, at vi kontakter jer."
            ),
        )
        forwarding_send(forwarding=forwarding, sent_by=advisor, now=_at(sent_on, 9))
        count += 1
        if inquiry.status != Inquiry.Status.CLOSED:
            continue
        answered_on = sent_on + datetime.timedelta(days=9 + number % 8)
        forwarding_answer(
            forwarding=forwarding,
            answered_by=managers[inquiry.department_id],  # type: ignore[index]
            now=_at(answered_on, 13),
            answer_text=(
                "Kære borger\n\nTak for din henvendelse via borgerrådgiveren. Vi har gennemgået "
                "forløbet og vender tilbage med en afklaring inden for en uge.\n\nMed venlig "
                "hilsen\nLedelsen"
            ),
        )
        forwarding_close(
            forwarding=forwarding,
            closed_by=advisor,
            now=_at(answered_on + datetime.timedelta(days=1), 10),
            outcome=OUTCOMES[number % len(OUTCOMES)],
        )
    return count
