"""The current caseload: a few open inquiries dated back from the day the demo is loaded.

The 2023 and 2024 registrations reproduce the published report and lie in the past; these make
the advisor's front page a working day on whatever date the demo is loaded. They are registered
in the last weeks before `today` through the register's and the forwarding's own services, so
their case numbers are the current year's own and the deadlines follow the Danish calendar and
the office's closing days. Three of them were forwarded, with the citizen's consent recorded
first, and each sent date is computed back from the deadline the front page is to show:

* one deadline missed by exactly two working days (`deadline_overdue_by`);
* one deadline this week, as the front page counts the week (`answers_week_end`);
* one answered by the department on the last working day before today, not yet read.
"""

import datetime
from zoneinfo import ZoneInfo

from borgerraadgiver.accounts.models import User
from borgerraadgiver.advisor.selectors import answers_week_end
from borgerraadgiver.demo import current_cases as c
from borgerraadgiver.demo.closing_days import (
    deadline_due_by,
    deadline_overdue_by,
    sent_for_deadline,
    working_days_back,
)
from borgerraadgiver.demo.organisation import Organisation
from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import ConsentMethod, Forwarding
from borgerraadgiver.forwarding.services import forwarding_draft, forwarding_send
from borgerraadgiver.inquiries.models import Channel, Inquiry
from borgerraadgiver.inquiries.services.case_file import inquiry_follow_up_set, inquiry_note_add
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.inquiries.services.registration import contact_register, inquiry_register
from borgerraadgiver.organisation.models import ClosingDay, Office

OFFICE_TIME_ZONE = ZoneInfo("Europe/Copenhagen")
# The caseload reaches about six weeks back; the report years must lie wholly before that.
REACH = datetime.timedelta(weeks=8)
LAST_REPORT_DAY = datetime.date(2024, 12, 31)
# The department's answer on the forwarding the advisor has not read yet.
ANSWER = (
    "Kære Dorthe Pilotsen\n\nTak for jeres henvendelse via borgerrådgiveren. Vi beklager, at "
    "den bevilgede støtte ikke er kommet i gang. Det skyldes, at den medarbejder, der skulle "
    "have haft forløbet, har været sygemeldt, og sagen er ikke blevet fordelt videre. Det "
    "burde den være.\n\nEn ny støttekontaktperson er nu tilknyttet og kommer på første besøg "
    "i næste uge. Afdelingslederen ringer til jer for at aftale et opfølgende møde om, hvordan "
    "støtten tilrettelægges.\n\nMed venlig hilsen\nLedelsen, Voksenhandicap"
)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=OFFICE_TIME_ZONE)


def sent_dates(
    *, today: datetime.date, closing: frozenset[datetime.date]
) -> dict[str, datetime.date]:
    """The day each kind of forwarding was sent, computed back from the deadline it is to have."""
    weeks = Office.load().answer_weeks
    overdue = deadline_overdue_by(today, c.OVERDUE_WORKING_DAYS, closing=closing)
    due = deadline_due_by(today, answers_week_end(today), closing=closing)
    return {
        c.OVERDUE: sent_for_deadline(overdue, weeks=weeks),
        c.DUE: sent_for_deadline(due, weeks=weeks),
        # Sent two weeks ago; the department answered before its deadline.
        c.ANSWERED: working_days_back(today, 10, closing=closing),
    }


def _register(
    case: c.CurrentCase, *, received: datetime.date, org: Organisation, advisor: User
) -> Inquiry:
    (inquiry,) = inquiry_register(
        registered_by=advisor,
        now=_at(received, 10),
        received_date=received,
        channel=case.channel,
        complainant_kind=case.complainant_kind,
        placements=[
            Placement(
                area=org.areas[case.area],
                department=org.departments[case.department] if case.department else None,
            )
        ],
        reasons=[org.reasons[name] for name in case.reasons],
        handling_type=org.handling_types[case.handling],
        summary=case.summary,
        new_person=case.person,
        advisor=advisor,
    )
    return inquiry


def _forward(inquiry: Inquiry, *, advisor: User, sent_on: datetime.date) -> Forwarding:
    """Record the citizen's consent on the day received, then send the case on `sent_on`."""
    assert inquiry.person is not None
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=_at(inquiry.received_date, 11),
        given_by=inquiry.person.name,
        given_date=inquiry.received_date,
        method=ConsentMethod(inquiry.channel),  # asked in the contact that brought the case
    )
    forwarding = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=_at(sent_on, 9),
        kind=inquiry.handling_type.kind,
        department=inquiry.department,
        area=inquiry.area,
        text=(
            "Borgerrådgiveren beder ledelsen forholde sig til følgende:\n\n"
            f"{inquiry.summary}.\n\nBorgeren har givet samtykke til, at vi kontakter jer, og "
            "til at I får navnet, så I kan finde sagen."
        ),
    )
    return forwarding_send(
        forwarding=forwarding, sent_by=advisor, now=_at(sent_on, 9), share_identity=True
    )


def _after_sending(
    forwarding: Forwarding,
    *,
    kind: str,
    today: datetime.date,
    advisor: User,
    managers: dict[tuple[str, int], User],
    closing: frozenset[datetime.date],
) -> None:
    """What has happened since: the citizen chased the missed answer; the department answered."""
    if kind == c.OVERDUE:
        assert forwarding.deadline_date is not None
        called = working_days_back(today, c.OVERDUE_WORKING_DAYS - 1, closing=closing)
        contact_register(
            inquiry=forwarding.inquiry,
            registered_by=advisor,
            now=_at(called, 14),
            contact_date=called,
            kind=Channel.PHONE,
            note="Borgeren ringer: har stadig ikke hørt fra Jobcenter. Rykker ledelsen for svar.",
        )
    elif kind == c.ANSWERED:
        answered = working_days_back(today, 1, closing=closing)
        forwarding_answer(
            forwarding=forwarding,
            answered_by=managers["department", forwarding.department_id],  # type: ignore[index]
            now=_at(answered, 13),
            answer_text=ANSWER,
        )


def _resume_today(
    inquiry: Inquiry, note: str, *, received: datetime.date, today: datetime.date
) -> None:
    """The advisor's note on the day the case came in, and a follow-up date of today."""
    advisor = inquiry.advisor
    assert advisor is not None
    moment = _at(received, 15)
    inquiry_note_add(inquiry=inquiry, written_by=advisor, now=moment, text=note)
    inquiry_follow_up_set(inquiry=inquiry, changed_by=advisor, now=moment, follow_up_date=today)


def caseload_write(
    *,
    today: datetime.date,
    org: Organisation,
    advisor: User,
    managers: dict[tuple[str, int], User],
) -> list[Inquiry]:
    """Register the current caseload relative to `today`; the office's closing days must be
    stored first. Refused for a `today` whose caseload would reach into the report years."""
    if today - REACH <= LAST_REPORT_DAY:
        raise ValueError(f"The current caseload of {today} would reach into the report years.")
    closing = ClosingDay.objects.as_set()
    sent = sent_dates(today=today, closing=closing)
    received = {
        case: working_days_back(sent[case.forwarding], 2, closing=closing)
        if case.forwarding
        else working_days_back(today, case.working_days_ago, closing=closing)
        for case in c.CASES
    }
    # Registered in the order they came in, so the case numbers run with the dates.
    ordered = sorted(c.CASES, key=lambda case: received[case])
    inquiries = [
        _register(case, received=received[case], org=org, advisor=advisor) for case in ordered
    ]
    for case, inquiry in zip(ordered, inquiries, strict=True):
        if case.resume_note:
            _resume_today(inquiry, case.resume_note, received=received[case], today=today)
        if case.forwarding:
            forwarding = _forward(inquiry, advisor=advisor, sent_on=sent[case.forwarding])
            _after_sending(
                forwarding,
                kind=case.forwarding,
                today=today,
                advisor=advisor,
                managers=managers,
                closing=closing,
            )
    return inquiries
