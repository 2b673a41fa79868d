"""The municipality's usual closing days, and the working-day arithmetic the current caseload
is dated with.

Hedensted's offices close on 24 and 31 December and on the Friday after Ascension Day
(Kristi himmelfartsdag), beside the public holidays the `holidays` package knows. The demo
stores them for the year it is loaded in and the next, as an administrator does under
*Closing days*; the deadlines are then computed by `forwarding.deadlines` with them, exactly as
the app computes them.
"""

import datetime

import holidays

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.organisation.models import ClosingDay

_ONE_DAY = datetime.timedelta(days=1)


def ascension_day(year: int) -> datetime.date:
    """Kristi himmelfartsdag: the 40th day of Easter, a Thursday."""
    calendar = holidays.country_holidays("DK", years=year, language="da")
    (day,) = calendar.get_named("Kristi Himmelfartsdag", lookup="iexact")
    return day


def usual_closing_days(year: int) -> dict[datetime.date, str]:
    return {
        ascension_day(year) + _ONE_DAY: "Dagen efter Kristi himmelfartsdag",
        datetime.date(year, 12, 24): "Juleaftensdag",
        datetime.date(year, 12, 31): "Nytårsaftensdag",
    }


def closing_days_load(*, years: list[int]) -> list[ClosingDay]:
    """Store the usual closing days of `years`; a day already there keeps its row (and gets the
    usual name), so loading twice never duplicates one."""
    stored = []
    for year in years:
        for day, name in usual_closing_days(year).items():
            closing_day, _created = ClosingDay.objects.update_or_create(
                day=day, defaults={"name": name}
            )
            stored.append(closing_day)
    return stored


def working_days_back(
    day: datetime.date, count: int, *, closing: frozenset[datetime.date]
) -> datetime.date:
    """The `count`th working day before `day` (not counting `day` itself)."""
    for _ in range(count):
        day -= _ONE_DAY
        while not deadlines.is_working_day(day, closing_days=closing):
            day -= _ONE_DAY
    return day


def deadline_overdue_by(
    today: datetime.date, working_days: int, *, closing: frozenset[datetime.date]
) -> datetime.date:
    """The deadline (a working day) that `today` is exactly `working_days` working days past:
    `deadlines.working_days_between(deadline, today) == working_days`, on any day of the week.
    """
    # The working days after the deadline up to today: counting back from today (itself
    # included when it is a working day), the last of them is the `working_days`th one.
    day = today
    counted = 0
    while True:
        if deadlines.is_working_day(day, closing_days=closing):
            counted += 1
            if counted == working_days:
                return working_days_back(day, 1, closing=closing)
        day -= _ONE_DAY


def deadline_due_by(
    today: datetime.date, week_end: datetime.date, *, closing: frozenset[datetime.date]
) -> datetime.date:
    """The last working day from `today` to `week_end`: a deadline due this week. When the rest
    of the week has no working day (24 December on a Thursday), the next working day."""
    day = week_end
    while day >= today:
        if deadlines.is_working_day(day, closing_days=closing):
            return day
        day -= _ONE_DAY
    return deadlines.next_working_day(today, closing_days=closing)


def sent_for_deadline(deadline: datetime.date, *, weeks: int) -> datetime.date:
    """The day a forwarding answered within `weeks` weeks was sent, for a deadline on a working
    day: the same weekday `weeks` weeks before, as `deadlines.answer_deadline` counts."""
    return deadline - datetime.timedelta(weeks=weeks)
