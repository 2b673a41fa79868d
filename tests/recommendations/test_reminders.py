import datetime

import pytest
from django.core.management import call_command

from borgerraadgiver.forwarding.deadlines import reminder_due
from borgerraadgiver.recommendations.models import RecommendationReminder, Status
from borgerraadgiver.recommendations.reminders import recommendation_reminders_send
from borgerraadgiver.recommendations.services import recommendation_respond
from tests.helpers import at

pytestmark = pytest.mark.django_db

NONE: frozenset[datetime.date] = frozenset()


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2025, 4, 24), None),  # a week before
        (datetime.date(2025, 4, 28), "before"),  # three working days before (Mon → Thu 1 May)
        (datetime.date(2025, 5, 1), "before"),  # the deadline itself
        (datetime.date(2025, 5, 2), "missed"),
    ],
)
def test_which_reminder_is_due(today, expected):
    deadline = datetime.date(2025, 5, 1)
    assert reminder_due(deadline, today=today, days_before=3, closing_days=NONE) == expected


def test_a_reminder_goes_to_the_addressed_managers_once(world, mailoutbox):
    first = recommendation_reminders_send(now=at(datetime.date(2025, 4, 29)))
    second = recommendation_reminders_send(now=at(datetime.date(2025, 4, 30)))
    assert first.before == [world.recommendation] and second.count == 0
    assert [m.to for m in mailoutbox] == [["a@example.com"]]
    assert RecommendationReminder.objects.count() == 1


def test_a_missed_deadline_is_reminded_once_and_a_response_stops_reminders(world, mailoutbox):
    assert recommendation_reminders_send(now=at(datetime.date(2025, 5, 5))).missed
    assert recommendation_reminders_send(now=at(datetime.date(2025, 5, 6))).count == 0
    recommendation_respond(
        recommendation=world.recommendation,
        responded_by=world.manager_a,
        now=at(datetime.date(2025, 5, 7)),
        status=Status.DECLINED,
        text="Nej",
    )
    world.recommendation.response_deadline_date = datetime.date(2025, 6, 2)
    world.recommendation.save()
    assert recommendation_reminders_send(now=at(datetime.date(2025, 6, 3))).count == 0


def test_send_reminders_runs_the_recommendations_too(world, capsys):
    call_command("send_reminders")
    call_command("send_reminders")
    assert RecommendationReminder.objects.count() == 1  # long missed, reminded once
    assert "Recommendations: 0 reminder(s) before the response deadline, 1" in (
        capsys.readouterr().out
    )
