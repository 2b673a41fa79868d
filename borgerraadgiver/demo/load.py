"""Load the whole demo in one transaction: settings, organisation, users, 2023 and 2024, and
the current caseload with the office's closing days.

The entry point of the `demo` command. Either everything is loaded or nothing is.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.demo.activities import activities_write
from borgerraadgiver.demo.caseload import caseload_write
from borgerraadgiver.demo.closing_days import closing_days_load
from borgerraadgiver.demo.forwardings import declines_write, forwardings_write, managers_load
from borgerraadgiver.demo.organisation import office_load, organisation_load
from borgerraadgiver.demo.plan import registrations_plan
from borgerraadgiver.demo.recommendations import recommendations_write
from borgerraadgiver.demo.registrations import registrations_write
from borgerraadgiver.demo.report_texts import report_texts_write
from borgerraadgiver.demo.submissions import submissions_write
from borgerraadgiver.demo.users import ADVISOR, demo_users_load
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import CaseNumberSequence, Contact, Inquiry, Person

DEFAULT_SEED = 2024


class RegisterNotEmpty(Exception):
    """The register already holds inquiries, and they were not to be replaced."""


@dataclass(frozen=True)
class YearSummary:
    year: int
    inquiries: int
    open: int
    contacts: int


def register_clear(*, now: datetime.datetime) -> None:
    """Delete every inquiry and person, with their contacts, actions and change history.

    The access log is kept, as always: it gains one deletion row per inquiry instead.
    """
    access_log_write_many(
        user=None,
        event=AccessEvent.DEMO_REPLACED,
        # A deletion is logged when it happens.
        now=now,
        inquiries=Inquiry.objects.values_list("id", "person_id"),
    )
    Forwarding.objects.all().delete()  # kept from deletion with the inquiry on purpose
    Inquiry.objects.all().delete()  # contacts, actions, changes and consents go with them
    Person.objects.all().delete()


def demo_summary() -> list[YearSummary]:
    rows = (
        Inquiry.objects.values("received_date__year")
        .annotate(
            inquiries=Count("id", distinct=True),
            open=Count("id", filter=Q(status=Inquiry.Status.OPEN), distinct=True),
        )
        .order_by("received_date__year")
    )
    contacts = dict(
        Contact.objects.values_list("inquiry__received_date__year")
        .annotate(count=Count("id"))
        .order_by()
    )
    return [
        YearSummary(
            year=row["received_date__year"],
            inquiries=row["inquiries"],
            open=row["open"],
            contacts=contacts.get(row["received_date__year"], 0),
        )
        for row in rows
    ]


@transaction.atomic
def demo_load(
    *, seed: int = DEFAULT_SEED, replace: bool = False, today: datetime.date | None = None
) -> list[YearSummary]:
    """Load the demo data set; refuse on a register in use unless `replace` is given.

    The current caseload and the closing days are dated from `today`: the clock's day unless
    given (tests load the demo on a Sunday, say)."""
    now = timezone.now()
    today = today or timezone.localdate(now)
    if Inquiry.objects.exists():
        if not replace:
            raise RegisterNotEmpty
        register_clear(now=now)
    # With no inquiries left, the counters restart so that the case numbers are the same each time.
    CaseNumberSequence.objects.all().delete()
    office_load()
    org = organisation_load()
    users = demo_users_load()
    plan = registrations_plan(random.Random(seed))
    follow_ups = registrations_write(plan=plan, org=org, advisor=users[ADVISOR.username])
    managers = managers_load()
    forwardings_write(advisor=users[ADVISOR.username], managers=managers, follow_ups=follow_ups)
    declines_write(advisor=users[ADVISOR.username])
    activities_write(org=org, advisor=users[ADVISOR.username])
    report_texts_write(org=org, advisor=users[ADVISOR.username])
    recommendations_write(org=org, advisor=users[ADVISOR.username])
    # The day the demo is loaded: its closing days, its caseload, and the web-form messages
    # waiting in the inbox, sent "just now".
    closing_days_load(years=[today.year, today.year + 1])
    caseload_write(today=today, org=org, advisor=users[ADVISOR.username], managers=managers)
    submissions_write(org=org, now=now)
    return demo_summary()
