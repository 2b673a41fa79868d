"""The advisor's front page: what needs action, computed from the deadlines."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.advisor.selectors import action_needed
from borgerraadgiver.forwarding.answers import forwarding_answer
from tests.factories import InquiryFactory
from tests.helpers import at, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

SENT = datetime.date(2024, 3, 6)  # answer by Wed 27 March 2024


def test_a_missed_deadline_is_shown_with_the_working_days_overdue(make_sent, advisor):
    forwarding = make_sent(SENT)
    # Tue 2 April is the first working day after the deadline: Maundy Thursday, Good Friday,
    # the weekend and Easter Monday are not working days. Wed 3 April is the second.
    needed = action_needed(user=advisor, today=datetime.date(2024, 4, 2))
    assert [(o.forwarding, o.working_days) for o in needed.overdue] == [(forwarding, 1)]
    needed = action_needed(user=advisor, today=datetime.date(2024, 4, 3))
    assert [o.working_days for o in needed.overdue] == [2]
    assert needed.due_this_week == []


def test_a_deadline_later_this_week_is_due_this_week(make_sent, advisor):
    forwarding = make_sent(SENT)
    needed = action_needed(user=advisor, today=datetime.date(2024, 3, 25))
    assert needed.due_this_week == [forwarding]
    assert needed.overdue == []
    assert action_needed(user=advisor, today=datetime.date(2024, 3, 18)).due_this_week == []


def test_an_answer_is_unread_until_the_advisor_opens_it(make_sent, advisor, advisor_client):
    forwarding = make_sent(SENT)
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
    )
    assert action_needed(user=advisor, today=SENT).unread_answers == [forwarding]
    advisor_client.get(reverse("advisor:forwarding_detail", args=[forwarding.pk]))
    assert action_needed(user=advisor, today=SENT).unread_answers == []


def test_inquiries_open_longer_than_the_limit_are_listed(advisor):
    today = timezone.localdate()
    old = InquiryFactory(received_date=today - datetime.timedelta(days=61))
    InquiryFactory(received_date=today - datetime.timedelta(days=10))
    InquiryFactory(
        received_date=today - datetime.timedelta(days=90),
        status="closed",
        closed_date=today - datetime.timedelta(days=80),
    )
    assert action_needed(user=advisor, today=today).long_open == [old]


def test_the_front_page_runs_a_fixed_number_of_queries(make_sent, advisor_client):
    make_sent(SENT)
    few = queries_for(advisor_client, reverse("advisor:home"))
    for _ in range(5):
        make_sent(SENT)
    assert queries_for(advisor_client, reverse("advisor:home")) == few


def test_nobody_but_an_advisor_sees_the_list(make_sent, plain_user):
    make_sent(SENT)
    needed = action_needed(user=plain_user, today=datetime.date(2024, 4, 2))
    assert (needed.overdue, needed.long_open) == ([], [])


def test_on_a_weekend_the_coming_weeks_deadlines_are_due(make_sent, advisor):
    # Answer by Wed 27 March 2024: on the Saturday and Sunday before, the coming week is shown.
    forwarding = make_sent(SENT)
    for weekend_day in (datetime.date(2024, 3, 23), datetime.date(2024, 3, 24)):
        assert action_needed(user=advisor, today=weekend_day).due_this_week == [forwarding]
    assert action_needed(user=advisor, today=datetime.date(2024, 3, 17)).due_this_week == []
