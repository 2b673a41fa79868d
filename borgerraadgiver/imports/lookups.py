"""What each inquiry row is checked against, loaded once for the whole file."""

import datetime

from django.utils import translation

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.imports.checks import Names
from borgerraadgiver.inquiries.models import Channel, ComplainantKind
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    ClosingDay,
    Department,
    HandlingType,
    Office,
    Reason,
    ReferralBody,
    ReferralSource,
)


def choices_known(values: type[Channel] | type[ComplainantKind]) -> dict[str, str]:
    """A value's code, and its label in English and Danish, all lower case → the code."""
    known: dict[str, str] = {}
    for language in ("en", "da"):
        with translation.override(language):
            for code, label in values.choices:
                known[str(label).casefold()] = code
    for code in values.values:
        known[code] = code
    return known


class Lookups:
    """Everything a row is checked against, loaded once."""

    def __init__(self) -> None:
        self.areas = Names(Area.objects.order_by("valid_from", "id"))
        departments = list(Department.objects.select_related("area"))
        self.departments = Names(departments)
        self.by_area: dict[int, list[Department]] = {}
        for department in departments:
            self.by_area.setdefault(department.area_id, []).append(department)
        self.reasons = Names(Reason.objects.all())
        self.handling = Names(HandlingType.objects.all())
        self.actions = Names(Action.objects.all())
        self.referral_bodies = Names(ReferralBody.objects.all())
        self.referral_sources = Names(ReferralSource.objects.all())
        self.channels = choices_known(Channel)
        self.complainants = choices_known(ComplainantKind)
        office = Office.load()
        self.answer_weeks = office.answer_weeks
        self.closing = ClosingDay.objects.as_set()
        self.deadlines: dict[datetime.date, datetime.date] = {}

    def deadline(self, sent: datetime.date) -> datetime.date:
        if sent not in self.deadlines:
            self.deadlines[sent] = deadlines.answer_deadline(
                sent=sent, weeks=self.answer_weeks, closing_days=self.closing
            )
        return self.deadlines[sent]
