"""Deadline arithmetic for forwardings, on the Danish calendar.

The rules (DOMAIN.md, "Rules of a forwarding"):

* A **working day** is a Monday to Friday that is neither a Danish public holiday (the
  ``holidays`` package's Danish calendar, public category: it knows that Store Bededag was
  abolished from 2024) nor one of the municipality's own extra **closing days**.
* The municipality's closing days (typically Grundlovsdag 5 June, 24 and 31 December) are data,
  not code: every function takes them as the keyword argument ``closing_days``.
* A department answers within a number of weeks of the forwarding being sent; a deadline that
  falls on a non-working day moves forward to the next working day.

This module is pure: no Django, no database and no clock. Every date comes in as an argument, so
the same call always gives the same answer and the rules can be tested with tables of dates.

Dates must be ``datetime.date`` objects, not ``datetime.datetime``: a datetime never compares
equal to a date, so it would silently slip past every holiday and closing day. Passing one raises
``TypeError``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from functools import lru_cache

import holidays

__all__ = [
    "answer_deadline",
    "is_working_day",
    "next_working_day",
    "remind_on",
    "working_days_between",
]

_ONE_DAY = datetime.timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday is 0, so 5 and 6 are the weekend


@lru_cache(maxsize=128)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    """The Danish public holidays of one year.

    Building the calendar computes Easter and everything hung on it, so it is done once per year
    and kept. A frozenset of plain dates (rather than the calendar object, which grows itself on
    lookup) keeps the cached value immutable and safe to share between threads.
    """
    # country_holidays("DK") is holidays.Denmark, reached through the package's typed factory
    # (Denmark's own constructor is untyped). The public category is named on purpose: the
    # package's "optional" category holds 1 May, Grundlovsdag, 24 and 31 December, which are
    # not public holidays; whether the offices close on them is the municipality's choice,
    # passed in as closing_days.
    return frozenset(holidays.country_holidays("DK", years=year, categories=holidays.PUBLIC))


def _is_public_holiday(day: datetime.date) -> bool:
    # Looked up by the day's own year, so arithmetic that runs from December into January
    # consults the next year's calendar.
    return day in _public_holidays(day.year)


def _check_date(value: object, name: str) -> None:
    # datetime is a subclass of date, so isinstance(value, date) alone would let it through.
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}")


def _closing_set(closing_days: Iterable[datetime.date]) -> frozenset[datetime.date]:
    # One pass into a set: the caller may hand us a generator, and the loops below test
    # membership many times. frozenset() of a frozenset returns the same object, so callers
    # that keep their list as a frozenset pay nothing.
    closing = frozenset(closing_days)
    for day in closing:
        _check_date(day, "each closing day")
    return closing


def _is_working(day: datetime.date, closing: frozenset[datetime.date]) -> bool:
    return day.weekday() < _SATURDAY and day not in closing and not _is_public_holiday(day)


def _next_working(day: datetime.date, closing: frozenset[datetime.date]) -> datetime.date:
    # Terminates because holidays and closing days are finite; runs of them are short
    # (Maundy Thursday to Easter Monday is five days), so a loop beats anything cleverer.
    while not _is_working(day, closing):
        day += _ONE_DAY
    return day


def is_working_day(day: datetime.date, *, closing_days: Iterable[datetime.date] = ()) -> bool:
    """Whether ``day`` is a working day: Monday to Friday, not a Danish public holiday and not
    one of ``closing_days``.

    >>> is_working_day(datetime.date(2024, 3, 29))  # Good Friday
    False
    >>> is_working_day(datetime.date(2024, 6, 5))  # Grundlovsdag is not a public holiday ...
    True
    >>> is_working_day(datetime.date(2024, 6, 5), closing_days={datetime.date(2024, 6, 5)})
    False
    """
    _check_date(day, "day")
    return _is_working(day, _closing_set(closing_days))


def next_working_day(
    day: datetime.date, *, closing_days: Iterable[datetime.date] = ()
) -> datetime.date:
    """The first working day on or after ``day``: ``day`` itself when it is a working day.

    >>> next_working_day(datetime.date(2024, 3, 28))  # Maundy Thursday -> Tuesday after Easter
    datetime.date(2024, 4, 2)
    """
    _check_date(day, "day")
    return _next_working(day, _closing_set(closing_days))


def answer_deadline(
    *, sent: datetime.date, weeks: int, closing_days: Iterable[datetime.date] = ()
) -> datetime.date:
    """The day by which a department must answer a forwarding sent on ``sent``.

    Rule: ``sent`` plus ``weeks`` whole weeks (7 calendar days each); if that day is not a
    working day, the deadline moves forward to the next working day. ``sent`` itself need not be
    a working day (an advisor may send on a Saturday).

    >>> answer_deadline(sent=datetime.date(2024, 5, 29), weeks=3)  # Wed -> Wed
    datetime.date(2024, 6, 19)
    >>> answer_deadline(sent=datetime.date(2024, 12, 11), weeks=3)  # 1 Jan 2025 -> Thu 2 Jan
    datetime.date(2025, 1, 2)

    Raises ``ValueError`` when ``weeks`` is less than 1 and ``TypeError`` when it is not an int.
    """
    _check_date(sent, "sent")
    # bool is an int subclass; answer_deadline(weeks=True) is a bug, not "one week".
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise TypeError(f"weeks must be an int, not {type(weeks).__name__}")
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    return _next_working(sent + datetime.timedelta(weeks=weeks), _closing_set(closing_days))


def working_days_between(
    start: datetime.date, end: datetime.date, *, closing_days: Iterable[datetime.date] = ()
) -> int:
    """The number of working days after ``start``, up to and including ``end``.

    That is, the working days in the half-open interval ``(start, end]``; 0 when ``end`` is on
    or before ``start``. Read it as "how many working days later is ``end`` than ``start``":

    * overdue by N working days: ``working_days_between(deadline, today)`` (0 on the deadline
      itself, 1 on the first working day after it);
    * working days taken to answer: ``working_days_between(sent, answered)`` (an answer on the
      next working day took 1).

    Whether ``start`` itself is a working day makes no difference.

    >>> d = datetime.date
    >>> working_days_between(d(2024, 6, 14), d(2024, 6, 14))  # Fri -> same day
    0
    >>> working_days_between(d(2024, 6, 14), d(2024, 6, 17))  # Fri -> Mon: only Mon counts
    1
    >>> working_days_between(d(2024, 6, 15), d(2024, 6, 17))  # Sat -> Mon: still only Mon
    1
    >>> working_days_between(d(2024, 6, 10), d(2024, 6, 17))  # Mon -> next Mon
    5
    >>> working_days_between(d(2024, 3, 27), d(2024, 4, 2))  # Wed before Easter -> Tue after
    1
    >>> working_days_between(d(2024, 6, 17), d(2024, 6, 14))  # end before start
    0
    """
    _check_date(start, "start")
    _check_date(end, "end")
    closing = _closing_set(closing_days)
    if end <= start:
        return 0

    # Count Monday-to-Friday days arithmetically, then take off the weekday holidays and
    # closing days in the interval: the cost depends on the number of years and closing days,
    # not on the length of the interval (an old overdue forwarding can span years).
    span = (end - start).days
    full_weeks, rest = divmod(span, 7)
    weekdays = full_weeks * 5
    weekdays += sum(
        1
        for offset in range(1, rest + 1)
        if (start + datetime.timedelta(offset)).weekday() < _SATURDAY
    )

    days_off = {day for day in closing if start < day <= end}
    for year in range(start.year, end.year + 1):
        days_off.update(day for day in _public_holidays(year) if start < day <= end)
    # A set, so a closing day that is also a public holiday is taken off once.
    return weekdays - sum(1 for day in days_off if day.weekday() < _SATURDAY)


def remind_on(
    deadline: datetime.date,
    *,
    working_days_before: int,
    closing_days: Iterable[datetime.date] = (),
) -> datetime.date:
    """The day to remind on: the working day ``working_days_before`` working days before
    ``deadline``.

    With 0 it is the deadline itself. With N >= 1 it is the Nth working day counting back from
    the day before the deadline, so for a deadline that is a working day (as every deadline from
    ``answer_deadline`` is) ``working_days_between(remind_on(d, N), d) == N``.

    >>> d = datetime.date
    >>> remind_on(d(2024, 6, 10), working_days_before=1)  # Mon -> the Friday before
    datetime.date(2024, 6, 7)
    >>> remind_on(d(2024, 4, 2), working_days_before=1)  # Tue after Easter -> Wed before
    datetime.date(2024, 3, 27)

    A deadline stored earlier can land on a day later added to the closing days; it is still
    counted back from as given, so the reminder is not lost.

    Raises ``ValueError`` when ``working_days_before`` is negative and ``TypeError`` when it is
    not an int.
    """
    _check_date(deadline, "deadline")
    if isinstance(working_days_before, bool) or not isinstance(working_days_before, int):
        raise TypeError(
            f"working_days_before must be an int, not {type(working_days_before).__name__}"
        )
    if working_days_before < 0:
        raise ValueError(f"working_days_before must be 0 or more, got {working_days_before}")
    closing = _closing_set(closing_days)
    day = deadline
    remaining = working_days_before
    while remaining:
        day -= _ONE_DAY
        if _is_working(day, closing):
            remaining -= 1
    return day


def reminder_due(
    deadline: datetime.date,
    *,
    today: datetime.date,
    days_before: int,
    closing_days: Iterable[datetime.date] = (),
) -> str | None:
    """Which reminder about `deadline` is due `today`: "missed" after it, "before" from
    `remind_on` until it, else None. The one rule of the forwarding and the recommendation
    reminders.

    >>> import datetime as dt
    >>> deadline = dt.date(2025, 5, 1)  # a Thursday
    >>> [reminder_due(deadline, today=dt.date(2025, 4, d), days_before=3) for d in (24, 28)]
    [None, 'before']
    >>> reminder_due(deadline, today=dt.date(2025, 5, 2), days_before=3)
    'missed'
    """
    if today > deadline:
        return "missed"
    if today >= remind_on(deadline, working_days_before=days_before, closing_days=closing_days):
        return "before"
    return None
