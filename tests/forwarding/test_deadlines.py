"""Deadline arithmetic on the Danish calendar (borgerraadgiver.forwarding.deadlines).

Every expected date below was checked against a calendar; the weekday is in the comment.
No database and no clock: the module is pure.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borgerraadgiver.forwarding.deadlines import (
    answer_deadline,
    is_working_day,
    next_working_day,
    remind_on,
    working_days_between,
)

d = datetime.date

# A typical municipality's extra closing days (data, not code: passed in as an argument).
CLOSING_2024 = frozenset(
    {
        d(2024, 6, 5),  # Wed, Grundlovsdag
        d(2024, 12, 24),  # Tue, Christmas Eve
        d(2024, 12, 31),  # Tue, New Year's Eve
    }
)
CLOSING_2025 = frozenset(
    {
        d(2025, 6, 5),  # Thu, Grundlovsdag
        d(2025, 12, 24),  # Wed, Christmas Eve
        d(2025, 12, 31),  # Wed, New Year's Eve
    }
)
CLOSING = CLOSING_2024 | CLOSING_2025
NONE: frozenset[datetime.date] = frozenset()


# --- is_working_day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "closing_days", "expected"),
    [
        pytest.param(d(2024, 6, 10), NONE, True, id="monday"),  # Mon
        pytest.param(d(2024, 6, 14), NONE, True, id="friday"),  # Fri
        pytest.param(d(2024, 6, 15), NONE, False, id="saturday"),  # Sat
        pytest.param(d(2024, 6, 16), NONE, False, id="sunday"),  # Sun
        pytest.param(d(2024, 1, 1), NONE, False, id="new-years-day-2024"),  # Mon
        pytest.param(d(2024, 3, 27), NONE, True, id="wednesday-before-easter-2024"),  # Wed
        pytest.param(d(2024, 3, 28), NONE, False, id="maundy-thursday-2024"),  # Thu
        pytest.param(d(2024, 3, 29), NONE, False, id="good-friday-2024"),  # Fri
        pytest.param(d(2024, 4, 1), NONE, False, id="easter-monday-2024"),  # Mon
        pytest.param(d(2024, 4, 2), NONE, True, id="tuesday-after-easter-2024"),  # Tue
        pytest.param(d(2025, 4, 17), NONE, False, id="maundy-thursday-2025"),  # Thu
        pytest.param(d(2025, 4, 18), NONE, False, id="good-friday-2025"),  # Fri
        pytest.param(d(2025, 4, 21), NONE, False, id="easter-monday-2025"),  # Mon
        pytest.param(d(2024, 5, 9), NONE, False, id="ascension-day-2024"),  # Thu
        pytest.param(d(2024, 5, 10), NONE, True, id="friday-after-ascension-2024"),  # Fri
        pytest.param(d(2025, 5, 29), NONE, False, id="ascension-day-2025"),  # Thu
        pytest.param(d(2024, 5, 20), NONE, False, id="whit-monday-2024"),  # Mon
        pytest.param(d(2025, 6, 9), NONE, False, id="whit-monday-2025"),  # Mon
        pytest.param(d(2023, 5, 5), NONE, False, id="store-bededag-2023-is-a-holiday"),  # Fri
        pytest.param(d(2024, 4, 26), NONE, True, id="store-bededag-2024-was-abolished"),  # Fri
        pytest.param(d(2025, 5, 16), NONE, True, id="store-bededag-2025-was-abolished"),  # Fri
        pytest.param(d(2024, 6, 5), NONE, True, id="grundlovsdag-not-a-public-holiday"),  # Wed
        pytest.param(d(2024, 6, 5), CLOSING, False, id="grundlovsdag-as-closing-day"),  # Wed
        pytest.param(d(2024, 12, 24), NONE, True, id="christmas-eve-not-a-public-holiday"),  # Tue
        pytest.param(d(2024, 12, 24), CLOSING, False, id="christmas-eve-as-closing-day"),  # Tue
        pytest.param(d(2024, 12, 25), NONE, False, id="christmas-day"),  # Wed
        pytest.param(d(2024, 12, 26), NONE, False, id="second-day-of-christmas"),  # Thu
        pytest.param(d(2024, 12, 27), CLOSING, True, id="friday-after-christmas"),  # Fri
        pytest.param(d(2024, 12, 31), NONE, True, id="new-years-eve-not-a-public-holiday"),  # Tue
        pytest.param(d(2024, 12, 31), CLOSING, False, id="new-years-eve-as-closing-day"),  # Tue
        pytest.param(d(2025, 1, 1), NONE, False, id="new-years-day-2025"),  # Wed
        pytest.param(d(2025, 5, 1), NONE, True, id="first-of-may-not-a-public-holiday"),  # Thu
    ],
)
def test_is_working_day(day, closing_days, expected):
    assert is_working_day(day, closing_days=closing_days) is expected


def test_a_closing_day_on_a_weekend_changes_nothing():
    saturday = d(2024, 6, 15)  # Sat
    assert not is_working_day(saturday, closing_days={saturday})
    assert next_working_day(saturday, closing_days={saturday}) == d(2024, 6, 17)  # Mon


# --- next_working_day -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "closing_days", "expected"),
    [
        pytest.param(d(2024, 6, 12), NONE, d(2024, 6, 12), id="working-day-is-itself"),  # Wed
        pytest.param(d(2024, 6, 15), NONE, d(2024, 6, 17), id="saturday-to-monday"),  # Sat -> Mon
        pytest.param(d(2024, 6, 16), NONE, d(2024, 6, 17), id="sunday-to-monday"),  # Sun -> Mon
        # Thu, Fri, Sat, Sun, Mon: five days in a row off.
        pytest.param(d(2024, 3, 28), NONE, d(2024, 4, 2), id="easter-2024-thu-to-tue"),  # -> Tue
        pytest.param(d(2025, 4, 17), NONE, d(2025, 4, 22), id="easter-2025-thu-to-tue"),  # -> Tue
        pytest.param(d(2024, 5, 9), NONE, d(2024, 5, 10), id="ascension-to-friday"),  # Thu -> Fri
        pytest.param(d(2024, 5, 20), NONE, d(2024, 5, 21), id="whit-monday-to-tuesday"),  # -> Tue
        pytest.param(d(2024, 6, 5), NONE, d(2024, 6, 5), id="grundlovsdag-open"),  # Wed
        pytest.param(d(2024, 6, 5), CLOSING, d(2024, 6, 6), id="grundlovsdag-closed"),  # -> Thu
        pytest.param(d(2024, 12, 24), NONE, d(2024, 12, 24), id="christmas-eve-open"),  # Tue
        pytest.param(d(2024, 12, 24), CLOSING, d(2024, 12, 27), id="christmas-eve-closed"),  # Fri
        pytest.param(d(2024, 12, 25), NONE, d(2024, 12, 27), id="christmas-day"),  # Wed -> Fri
        # 2025: Wed 24 (closed), Thu 25, Fri 26, Sat 27, Sun 28 -> Mon 29.
        pytest.param(d(2025, 12, 24), CLOSING, d(2025, 12, 29), id="christmas-2025"),  # Mon
        pytest.param(d(2024, 12, 31), CLOSING, d(2025, 1, 2), id="across-new-year"),  # Thu
    ],
)
def test_next_working_day(day, closing_days, expected):
    assert next_working_day(day, closing_days=closing_days) == expected


# --- answer_deadline --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "weeks", "closing_days", "expected"),
    [
        # An ordinary three weeks: the same weekday, 21 days later.
        pytest.param(d(2024, 5, 29), 3, NONE, d(2024, 6, 19), id="plain-three-weeks"),  # Wed
        pytest.param(d(2024, 5, 29), 1, NONE, d(2024, 6, 5), id="one-week"),  # Wed
        pytest.param(d(2024, 5, 29), 4, NONE, d(2024, 6, 26), id="four-weeks"),  # Wed
        # Sent on a weekend: the raw deadline is a weekend too.
        pytest.param(d(2024, 6, 1), 3, NONE, d(2024, 6, 24), id="sent-saturday"),  # Sat -> Mon
        pytest.param(d(2024, 6, 2), 3, NONE, d(2024, 6, 24), id="sent-sunday"),  # Sun -> Mon
        # Easter 2024: Thu 28 Mar to Mon 1 Apr are all off.
        pytest.param(d(2024, 3, 7), 3, NONE, d(2024, 4, 2), id="lands-maundy-thu-2024"),  # Tue
        pytest.param(d(2024, 3, 8), 3, NONE, d(2024, 4, 2), id="lands-good-friday-2024"),  # Tue
        pytest.param(d(2024, 3, 11), 3, NONE, d(2024, 4, 2), id="lands-easter-monday-2024"),  # Tue
        pytest.param(d(2024, 3, 6), 3, NONE, d(2024, 3, 27), id="day-before-easter-2024"),  # Wed
        # Easter 2025: Thu 17 Apr to Mon 21 Apr.
        pytest.param(d(2025, 3, 27), 3, NONE, d(2025, 4, 22), id="lands-maundy-thu-2025"),  # Tue
        pytest.param(d(2025, 3, 31), 3, NONE, d(2025, 4, 22), id="lands-easter-monday-2025"),  # Tue
        # Ascension Day (Thursday), Whit Monday.
        pytest.param(d(2024, 4, 18), 3, NONE, d(2024, 5, 10), id="lands-ascension-2024"),  # Fri
        pytest.param(d(2025, 5, 8), 3, NONE, d(2025, 5, 30), id="lands-ascension-2025"),  # Fri
        pytest.param(d(2024, 4, 29), 3, NONE, d(2024, 5, 21), id="lands-whit-monday-2024"),  # Tue
        pytest.param(d(2025, 5, 19), 3, NONE, d(2025, 6, 10), id="lands-whit-monday-2025"),  # Tue
        # Store Bededag: a holiday until 2023, an ordinary Friday from 2024.
        pytest.param(d(2023, 4, 14), 3, NONE, d(2023, 5, 8), id="store-bededag-2023"),  # Mon
        pytest.param(d(2024, 4, 5), 3, NONE, d(2024, 4, 26), id="store-bededag-gone-2024"),  # Fri
        # Grundlovsdag only when the municipality lists it.
        pytest.param(d(2024, 5, 15), 3, NONE, d(2024, 6, 5), id="grundlovsdag-open"),  # Wed
        pytest.param(d(2024, 5, 15), 3, CLOSING, d(2024, 6, 6), id="grundlovsdag-closed"),  # Thu
        pytest.param(d(2025, 5, 15), 3, CLOSING, d(2025, 6, 6), id="grundlovsdag-2025"),  # Fri
        # Christmas 2024: Wed 25 and Thu 26 are holidays; 24 and 31 only as closing days.
        pytest.param(d(2024, 12, 4), 3, NONE, d(2024, 12, 27), id="lands-christmas-day"),  # Fri
        pytest.param(d(2024, 12, 5), 3, NONE, d(2024, 12, 27), id="lands-second-day"),  # Fri
        pytest.param(d(2024, 12, 3), 3, NONE, d(2024, 12, 24), id="christmas-eve-open"),  # Tue
        pytest.param(d(2024, 12, 3), 3, CLOSING, d(2024, 12, 27), id="christmas-eve-closed"),  # Fri
        # Christmas 2025: Wed 24 (closed) to Sun 28.
        pytest.param(d(2025, 12, 3), 3, NONE, d(2025, 12, 24), id="christmas-eve-2025-open"),  # Wed
        pytest.param(d(2025, 12, 3), 3, CLOSING, d(2025, 12, 29), id="christmas-2025"),  # Mon
        # Across New Year: the next year's holidays count.
        pytest.param(d(2024, 12, 11), 3, NONE, d(2025, 1, 2), id="new-year-2025"),  # Thu
        pytest.param(d(2024, 12, 11), 3, {d(2025, 1, 2)}, d(2025, 1, 3), id="2-jan-closed"),  # Fri
        pytest.param(d(2024, 12, 10), 3, NONE, d(2024, 12, 31), id="new-years-eve-open"),  # Tue
        pytest.param(d(2024, 12, 10), 3, CLOSING, d(2025, 1, 2), id="new-years-eve-closed"),  # Thu
        pytest.param(d(2025, 12, 10), 3, CLOSING, d(2026, 1, 2), id="new-year-2026"),  # Fri
        pytest.param(d(2024, 12, 18), 6, NONE, d(2025, 1, 29), id="six-weeks-over-new-year"),  # Wed
    ],
)
def test_answer_deadline(sent, weeks, closing_days, expected):
    assert answer_deadline(sent=sent, weeks=weeks, closing_days=closing_days) == expected


def test_closing_days_may_be_any_iterable_even_a_generator():
    closing = (day for day in [d(2024, 12, 24), d(2024, 12, 31)])
    assert answer_deadline(sent=d(2024, 12, 3), weeks=3, closing_days=closing) == d(2024, 12, 27)


# --- working_days_between ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "closing_days", "expected"),
    [
        pytest.param(d(2024, 6, 12), d(2024, 6, 12), NONE, 0, id="same-day"),  # Wed
        pytest.param(d(2024, 6, 12), d(2024, 6, 10), NONE, 0, id="end-before-start"),  # Wed, Mon
        pytest.param(d(2024, 6, 12), d(2024, 6, 13), NONE, 1, id="next-day"),  # Wed -> Thu
        pytest.param(d(2024, 6, 14), d(2024, 6, 15), NONE, 0, id="fri-to-sat"),  # Fri -> Sat
        pytest.param(d(2024, 6, 14), d(2024, 6, 17), NONE, 1, id="across-weekend"),  # Fri -> Mon
        pytest.param(d(2024, 6, 15), d(2024, 6, 17), NONE, 1, id="from-saturday"),  # Sat -> Mon
        pytest.param(d(2024, 6, 10), d(2024, 6, 17), NONE, 5, id="whole-week"),  # Mon -> Mon
        pytest.param(d(2024, 6, 3), d(2024, 6, 24), NONE, 15, id="three-weeks"),  # Mon -> Mon
        pytest.param(d(2024, 6, 3), d(2024, 6, 24), CLOSING, 14, id="grundlovsdag"),  # Mon, Mon
        # Wed before Easter -> Tue after: Thu, Fri, Sat, Sun, Mon are off; only Tue counts.
        pytest.param(d(2024, 3, 27), d(2024, 4, 2), NONE, 1, id="easter-2024"),  # Wed -> Tue
        # Mon 25 Mar -> Fri 5 Apr: Tue, Wed, then Tue to Fri after Easter.
        pytest.param(d(2024, 3, 25), d(2024, 4, 5), NONE, 6, id="easter-2024-fortnight"),  # Fri
        pytest.param(d(2025, 4, 16), d(2025, 4, 22), NONE, 1, id="across-easter-2025"),  # Wed->Tue
        # Fri 20 Dec 2024 -> Fri 3 Jan 2025: Mon 23, Tue 24, Fri 27, Mon 30, Tue 31, Thu 2, Fri 3.
        pytest.param(d(2024, 12, 20), d(2025, 1, 3), NONE, 7, id="christmas-new-year"),  # Fri
        # ... less Tue 24 and Tue 31 when closed.
        pytest.param(d(2024, 12, 20), d(2025, 1, 3), CLOSING, 5, id="christmas-closed"),  # Fri
        # A closing day that is also a holiday, or on a weekend, is not taken off twice.
        pytest.param(
            d(2024, 12, 20),  # Fri
            d(2025, 1, 3),  # Fri
            {d(2024, 12, 25), d(2024, 12, 28)},  # Wed (holiday), Sat
            7,
            id="closing-day-on-holiday-or-weekend",
        ),
        # Store Bededag: Thu 4 May 2023 -> Mon 8 May 2023 counts only Mon.
        pytest.param(d(2023, 5, 4), d(2023, 5, 8), NONE, 1, id="store-bededag-2023"),  # Thu, Mon
        # Thu 25 Apr 2024 -> Mon 29 Apr 2024 counts Fri 26 (no longer a holiday) and Mon.
        pytest.param(d(2024, 4, 25), d(2024, 4, 29), NONE, 2, id="no-store-bededag"),  # Thu, Mon
        # Mon 2 Jan 2023 -> Thu 2 Jan 2025 spans three holiday calendars: 731 days = 104 weeks
        # and Tue-Thu = 523 weekdays, less 8 weekday holidays in 2023 (with Store Bededag),
        # 8 in 2024 and 1 Jan 2025.
        pytest.param(d(2023, 1, 2), d(2025, 1, 2), NONE, 506, id="over-two-years"),  # Mon, Thu
    ],
)
def test_working_days_between(start, end, closing_days, expected):
    assert working_days_between(start, end, closing_days=closing_days) == expected


# --- remind_on --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("deadline", "before", "closing_days", "expected"),
    [
        pytest.param(d(2024, 6, 12), 0, NONE, d(2024, 6, 12), id="zero-is-the-deadline"),  # Wed
        pytest.param(d(2024, 6, 12), 2, NONE, d(2024, 6, 10), id="same-week"),  # Wed -> Mon
        pytest.param(d(2024, 6, 10), 1, NONE, d(2024, 6, 7), id="across-weekend"),  # Mon -> Fri
        pytest.param(d(2024, 6, 10), 3, NONE, d(2024, 6, 5), id="grundlovsdag-open"),  # -> Wed
        pytest.param(d(2024, 6, 10), 3, CLOSING, d(2024, 6, 4), id="grundlovsdag-closed"),  # Tue
        pytest.param(d(2024, 6, 17), 5, NONE, d(2024, 6, 10), id="a-week-before"),  # Mon -> Mon
        pytest.param(d(2024, 4, 2), 1, NONE, d(2024, 3, 27), id="across-easter-2024"),  # Tue->Wed
        pytest.param(d(2024, 4, 2), 3, NONE, d(2024, 3, 25), id="into-easter-week-2024"),  # Mon
        pytest.param(d(2025, 4, 22), 1, NONE, d(2025, 4, 16), id="across-easter-2025"),  # Wed
        pytest.param(d(2024, 5, 10), 1, NONE, d(2024, 5, 8), id="across-ascension"),  # Fri->Wed
        pytest.param(d(2024, 12, 27), 1, NONE, d(2024, 12, 24), id="christmas-eve-open"),  # Tue
        pytest.param(d(2024, 12, 27), 1, CLOSING, d(2024, 12, 23), id="christmas-closed"),  # Mon
        pytest.param(d(2025, 1, 2), 1, NONE, d(2024, 12, 31), id="across-new-year"),  # Tue
        pytest.param(d(2025, 1, 2), 1, CLOSING, d(2024, 12, 30), id="new-year-closed"),  # Mon
        # A deadline on a day off (say, a closing day added after it was set) still gets a
        # reminder on the working day before it.
        pytest.param(d(2024, 6, 15), 1, NONE, d(2024, 6, 14), id="deadline-on-saturday"),  # Fri
    ],
)
def test_remind_on(deadline, before, closing_days, expected):
    assert remind_on(deadline, working_days_before=before, closing_days=closing_days) == expected


# --- argument validation ----------------------------------------------------------------------


@pytest.mark.parametrize("weeks", [0, -1, -3], ids=["zero", "minus-one", "minus-three"])
def test_answer_deadline_refuses_less_than_one_week(weeks):
    with pytest.raises(ValueError, match="weeks must be at least 1"):
        answer_deadline(sent=d(2024, 6, 12), weeks=weeks)


@pytest.mark.parametrize("weeks", [True, 1.5, "3", None], ids=["bool", "float", "str", "none"])
def test_answer_deadline_refuses_weeks_that_are_not_an_int(weeks):
    with pytest.raises(TypeError, match="weeks must be an int"):
        answer_deadline(sent=d(2024, 6, 12), weeks=weeks)


def test_remind_on_refuses_a_negative_count():
    with pytest.raises(ValueError, match="working_days_before must be 0 or more"):
        remind_on(d(2024, 6, 12), working_days_before=-1)


def test_remind_on_refuses_a_count_that_is_not_an_int():
    with pytest.raises(TypeError, match="working_days_before must be an int"):
        remind_on(d(2024, 6, 12), working_days_before=1.0)  # type: ignore[arg-type]


NOON = datetime.datetime(2024, 6, 12, 12, 0)  # Wed


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: is_working_day(NOON), id="is_working_day"),
        pytest.param(lambda: next_working_day(NOON), id="next_working_day"),
        pytest.param(lambda: answer_deadline(sent=NOON, weeks=3), id="answer_deadline"),
        pytest.param(lambda: working_days_between(NOON, d(2024, 6, 14)), id="between-start"),
        pytest.param(lambda: working_days_between(d(2024, 6, 10), NOON), id="between-end"),
        pytest.param(lambda: remind_on(NOON, working_days_before=1), id="remind_on"),
        pytest.param(lambda: is_working_day(d(2024, 6, 12), closing_days=[NOON]), id="closing-day"),
        pytest.param(lambda: is_working_day("2024-06-12"), id="string"),  # type: ignore[arg-type]
    ],
)
def test_a_datetime_or_other_non_date_is_refused(call):
    # A datetime never equals a date, so it would slip past every holiday unnoticed.
    with pytest.raises(TypeError, match=r"must be a datetime\.date"):
        call()


# --- properties -------------------------------------------------------------------------------

any_date = st.dates(min_value=d(2020, 1, 1), max_value=d(2030, 12, 31))
some_closing_days = st.frozensets(any_date, max_size=20)


@given(sent=any_date, weeks=st.integers(min_value=1, max_value=6))
def test_deadline_is_the_first_working_day_on_or_after_the_whole_weeks(sent, weeks):
    raw = sent + datetime.timedelta(days=7 * weeks)
    deadline = answer_deadline(sent=sent, weeks=weeks)

    assert is_working_day(deadline)
    assert raw <= deadline < raw + datetime.timedelta(days=8)
    between = (raw + datetime.timedelta(days=n) for n in range((deadline - raw).days))
    assert not any(is_working_day(day) for day in between)


@given(start=any_date, end=any_date, closing_days=some_closing_days)
def test_working_days_between_counts_the_working_days_in_the_half_open_interval(
    start, end, closing_days
):
    # The module counts arithmetically; check it against plain day-by-day counting.
    days = (start + datetime.timedelta(days=n) for n in range(1, (end - start).days + 1))
    expected = sum(1 for day in days if is_working_day(day, closing_days=closing_days))
    assert working_days_between(start, end, closing_days=closing_days) == expected


@given(
    deadline=any_date,
    before=st.integers(min_value=0, max_value=15),
    closing_days=some_closing_days,
)
def test_remind_on_is_the_inverse_of_working_days_between(deadline, before, closing_days):
    deadline = next_working_day(deadline, closing_days=closing_days)
    reminder = remind_on(deadline, working_days_before=before, closing_days=closing_days)

    assert is_working_day(reminder, closing_days=closing_days)
    assert working_days_between(reminder, deadline, closing_days=closing_days) == before
