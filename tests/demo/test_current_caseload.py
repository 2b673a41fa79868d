"""The demo is a working day on whatever date it is loaded: a current caseload dated back from
that day, and the office's usual closing days.

Most tests load only what the caseload needs (the office, the organisation, the users and
the closing days) and the caseload itself for a fixed `today`, so many days can be tried
quickly; the last ones look at the whole demo.
"""

import datetime

import pytest
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.advisor.selectors import action_needed
from borgerraadgiver.demo.caseload import caseload_write
from borgerraadgiver.demo.closing_days import closing_days_load
from borgerraadgiver.demo.current_cases import CASES
from borgerraadgiver.demo.forwardings import managers_load
from borgerraadgiver.demo.load import demo_load
from borgerraadgiver.demo.organisation import office_load, organisation_load
from borgerraadgiver.demo.users import ADVISOR, demo_users_load
from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import ClosingDay, Office
from borgerraadgiver.reports.selectors import report_years

pytestmark = pytest.mark.django_db

DAYS = {
    "a Monday": datetime.date(2027, 3, 1),
    "a Friday": datetime.date(2027, 3, 5),
    "a Sunday": datetime.date(2027, 3, 7),
    "the day before Ascension Day": datetime.date(2027, 5, 5),  # Kristi himmelfartsdag 6 May
    "Easter Monday": datetime.date(2027, 3, 29),
    "the Monday after New Year": datetime.date(2027, 1, 4),
    "the day before Christmas Eve": datetime.date(2027, 12, 23),
    "Christmas Day, a Saturday": datetime.date(2027, 12, 25),
}


def caseload_on(today: datetime.date) -> User:
    """The caseload as the demo loads it on `today`; returns the demo's advisor."""
    office_load()
    org = organisation_load()
    users = demo_users_load()
    closing_days_load(years=[today.year, today.year + 1])
    advisor = users[ADVISOR.username]
    caseload_write(today=today, org=org, advisor=advisor, managers=managers_load())
    return advisor


def the_working_week_shown(today: datetime.date) -> tuple[int, int]:
    """The ISO week whose deadlines the front page lists: this one, or at the weekend the next."""
    if today.weekday() >= 5:
        today += datetime.timedelta(days=7 - today.weekday())
    return today.isocalendar()[:2]


@pytest.mark.parametrize("today", DAYS.values(), ids=DAYS.keys())
def test_the_front_page_shows_a_missed_deadline_one_due_and_one_unread_answer(today):
    advisor = caseload_on(today)
    needed = action_needed(user=advisor, today=today)
    closing = ClosingDay.objects.as_set()

    (overdue,) = needed.overdue
    assert overdue.working_days == 2
    deadline = overdue.forwarding.deadline_date
    # Counted by hand: the working days after the deadline, up to and including today.
    after = [deadline + datetime.timedelta(days=n) for n in range(1, (today - deadline).days + 1)]
    assert sum(deadlines.is_working_day(day, closing_days=closing) for day in after) == 2

    (due,) = needed.due_this_week
    assert due.deadline_date is not None and due.deadline_date >= today
    assert due.deadline_date.isocalendar()[:2] == the_working_week_shown(today)

    (unread,) = needed.unread_answers
    assert unread.answer_read_at is None and unread.answered_date < today
    assert needed.long_open == []

    (resume,) = needed.resume_today
    assert resume.follow_up_date == today
    assert resume.notes.count() == 1


@pytest.mark.parametrize("today", DAYS.values(), ids=DAYS.keys())
def test_every_forwarding_was_sent_with_consent_to_a_three_week_deadline(today):
    caseload_on(today)
    forwardings = Forwarding.objects.select_related("inquiry")
    assert forwardings.count() == 3
    closing = ClosingDay.objects.as_set()
    for forwarding in forwardings:
        consent = forwarding.inquiry.consents.get()
        assert consent.recorded_at <= forwarding.sent_at
        assert forwarding.inquiry.received_date <= consent.given_date <= forwarding.sent_date
        assert forwarding.sent_date < today
        assert forwarding.deadline_date == deadlines.answer_deadline(
            sent=forwarding.sent_date, weeks=Office.load().answer_weeks, closing_days=closing
        )


def test_the_caseload_is_open_recent_and_numbered_in_its_own_year():
    today = DAYS["a Monday"]
    caseload_on(today)
    inquiries = Inquiry.objects.order_by("case_number")
    assert inquiries.count() == len(CASES)
    assert not inquiries.exclude(status=Inquiry.Status.OPEN).exists()
    received = [inquiry.received_date for inquiry in inquiries]
    assert received == sorted(received)  # numbered in the order they came in
    assert all(today - datetime.timedelta(weeks=8) < day < today for day in received)
    assert [inquiry.case_number for inquiry in inquiries] == [
        f"BR-2027-{n:04d}" for n in range(1, len(CASES) + 1)
    ]
    # Spread over the areas, and over more departments than areas.
    assert inquiries.values("area").distinct().count() >= 4
    assert inquiries.values("department").distinct().count() == len(CASES)


def test_a_caseload_reaching_into_the_report_years_is_refused():
    with pytest.raises(ValueError, match="report years"):
        caseload_on(datetime.date(2025, 1, 15))
    assert not Inquiry.objects.exists()


def test_the_usual_closing_days_of_this_year_and_next():
    closing_days_load(years=[2027, 2028])
    closing_days_load(years=[2027, 2028])  # loading again changes nothing
    assert {(day.day, day.name) for day in ClosingDay.objects.all()} == {
        (datetime.date(2027, 5, 7), "Dagen efter Kristi himmelfartsdag"),
        (datetime.date(2027, 12, 24), "Juleaftensdag"),
        (datetime.date(2027, 12, 31), "Nytårsaftensdag"),
        (datetime.date(2028, 5, 26), "Dagen efter Kristi himmelfartsdag"),
        (datetime.date(2028, 12, 24), "Juleaftensdag"),
        (datetime.date(2028, 12, 31), "Nytårsaftensdag"),
    }
    for day in ClosingDay.objects.filter(name__startswith="Dagen efter"):
        assert day.day.weekday() == 4  # a Friday
        assert not deadlines.is_working_day(day.day - datetime.timedelta(days=1))  # a holiday


@pytest.mark.usefixtures("demo_register")
def test_the_loaded_demo_has_this_years_closing_days_and_opens_the_statistics_on_it():
    this_year = timezone.localdate().year
    years = {day.year for day in ClosingDay.objects.values_list("day", flat=True)}
    assert years == {this_year, this_year + 1}
    assert Inquiry.objects.filter(received_date__year=this_year).count() == len(CASES)
    opening = report_years(office=Office.load(), today=timezone.localdate()).opening
    assert opening == this_year


@pytest.mark.usefixtures("demo_register")
def test_the_whole_demo_loaded_on_a_sunday_keeps_the_report_years_as_they_were():
    sunday = DAYS["a Sunday"]
    summary = {year.year: year for year in demo_load(replace=True, today=sunday)}
    assert (summary[2023].inquiries, summary[2023].open) == (115, 0)
    assert (summary[2024].inquiries, summary[2024].open) == (257, 10)
    assert (summary[2027].inquiries, summary[2027].open) == (len(CASES), len(CASES))
    advisor = User.objects.get(username=ADVISOR.username)
    needed = action_needed(user=advisor, today=sunday)
    # 2024's open forwardings are long overdue; exactly one deadline was missed two days ago.
    assert [o.working_days for o in needed.overdue].count(2) == 1
    assert len(needed.due_this_week) == 1
    assert len(needed.unread_answers) == 1
