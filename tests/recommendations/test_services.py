import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.recommendations.models import Recommendation, RecommendationEvent, Status
from borgerraadgiver.recommendations.services import (
    CLOSED_ALREADY,
    DEADLINE_BEFORE_SENT,
    NO_ADDRESSEE,
    recommendation_close,
    recommendation_create,
    recommendation_follow_up,
    recommendation_respond,
)
from tests.factories import AreaFactory, DepartmentFactory, UserFactory
from tests.helpers import at
from tests.recommendations.conftest import SENT, YEAR_2024

pytestmark = pytest.mark.django_db


def _events(recommendation: Recommendation) -> list[tuple[str, str]]:
    return [(e.kind, e.status) for e in recommendation.events.all()]


def test_a_recommendation_is_sent_with_its_evidence_and_logged_on_each_inquiry(world):
    rec = world.recommendation
    assert rec.status == Status.SENT and rec.status_date == SENT
    assert set(rec.inquiries.all()) == set(world.inquiries)
    assert _events(rec) == [("sent", "sent")]
    logged = AccessLogEntry.objects.filter(event=AccessEvent.RECOMMENDATION_MADE)
    assert sorted(logged.values_list("inquiry_id", flat=True)) == sorted(
        i.pk for i in world.inquiries
    )


def test_the_addressed_managers_are_emailed_once_it_is_stored(
    advisor, django_capture_on_commit_callbacks, mailoutbox
):
    department = DepartmentFactory()
    manager = UserFactory(email="leder@example.com")
    manager.managed_departments.set([department])
    with django_capture_on_commit_callbacks(execute=True):
        recommendation_create(
            created_by=advisor,
            now=at(SENT),
            text="Svar hurtigere.",
            period=YEAR_2024,
            sent_date=SENT,
            response_deadline_date=datetime.date(2025, 5, 1),
            departments=[department],
        )
    assert [m.to for m in mailoutbox] == [["leder@example.com"]]
    assert "Svar hurtigere." in mailoutbox[0].body


def test_without_an_addressee_or_with_a_deadline_before_sending_nothing_is_saved(advisor):
    with pytest.raises(ValidationError) as error:
        recommendation_create(
            created_by=advisor,
            now=at(SENT),
            text="Svar hurtigere.",
            period=YEAR_2024,
            sent_date=SENT,
            response_deadline_date=SENT - datetime.timedelta(days=1),
        )
    assert error.value.message_dict == {
        "departments": [str(NO_ADDRESSEE)],
        "response_deadline_date": [str(DEADLINE_BEFORE_SENT)],
    }
    assert not Recommendation.objects.exists()


def test_the_manager_responds_in_the_department_s_name_and_the_status_follows(world):
    recommendation_respond(
        recommendation=world.recommendation,
        responded_by=world.manager_a,
        now=at(datetime.date(2025, 4, 1)),
        status=Status.PARTLY_ACCEPTED,
        text="Vi gør det i de nye sager.",
        planned_action="Fast kvittering",
        planned_by_date=datetime.date(2025, 9, 1),
    )
    rec = Recommendation.objects.get(pk=world.recommendation.pk)
    assert rec.status == Status.PARTLY_ACCEPTED and rec.status_date == datetime.date(2025, 4, 1)
    response = rec.events.get(kind=RecommendationEvent.Kind.RESPONSE)
    assert response.by_name == "Børn og Familie"  # the department, not the person
    assert AccessLogEntry.objects.filter(event=AccessEvent.RECOMMENDATION_ANSWERED).count() == 1


def test_a_manager_of_another_department_cannot_respond(world):
    with pytest.raises(PermissionDenied):
        recommendation_respond(
            recommendation=world.recommendation,
            responded_by=world.manager_b,
            now=at(datetime.date(2025, 4, 1)),
            status=Status.ACCEPTED,
            text="Ja",
            planned_action="Alt",
        )
    assert _events(world.recommendation) == [("sent", "sent")]


def test_a_manager_of_an_addressed_area_s_department_may_respond(advisor):
    area = AreaFactory(name="Læring")
    department = DepartmentFactory(area=area, name="Skole")
    manager = UserFactory()
    manager.managed_departments.set([department])
    rec = recommendation_create(
        created_by=advisor,
        now=at(SENT),
        text="Inddrag borgerne.",
        period=YEAR_2024,
        sent_date=SENT,
        response_deadline_date=datetime.date(2025, 5, 1),
        areas=[area],
    )
    event = recommendation_respond(
        recommendation=rec,
        responded_by=manager,
        now=at(datetime.date(2025, 4, 1)),
        status=Status.DECLINED,
        text="Det gør vi allerede.",
    )
    assert event.by_name == "Skole"


def test_accepting_needs_what_will_be_done(world):
    with pytest.raises(ValidationError) as error:
        recommendation_respond(
            recommendation=world.recommendation,
            responded_by=world.manager_a,
            now=at(datetime.date(2025, 4, 1)),
            status=Status.ACCEPTED,
            text="Ja",
        )
    assert list(error.value.message_dict) == ["planned_action"]


def test_the_advisor_follows_up_and_closes_it_as_carried_out_with_reasons(world):
    rec = world.recommendation
    recommendation_follow_up(
        recommendation=rec,
        recorded_by=world.advisor,
        now=at(datetime.date(2025, 6, 1)),
        text="Talt med lederen.",
    )
    recommendation_close(
        recommendation=rec,
        closed_by=world.advisor,
        now=at(datetime.date(2025, 10, 1)),
        status=Status.CARRIED_OUT,
        closed_date=datetime.date(2025, 9, 30),
        reason="Kvitteringen bruges nu.",
    )
    rec.refresh_from_db()
    assert rec.status == Status.CARRIED_OUT and rec.closed_date == datetime.date(2025, 9, 30)
    assert _events(rec) == [
        ("sent", "sent"),
        ("follow_up", "sent"),
        ("closed", "carried_out"),
    ]
    assert list(
        AccessLogEntry.objects.filter(event__startswith="recommendation_")
        .order_by("id")
        .values_list("event", flat=True)
    )[-2:] == [AccessEvent.RECOMMENDATION_FOLLOWED_UP, AccessEvent.RECOMMENDATION_CLOSED]
    with pytest.raises(ValidationError) as error:
        recommendation_respond(
            recommendation=rec,
            responded_by=world.manager_a,
            now=at(datetime.date(2025, 10, 2)),
            status=Status.DECLINED,
            text="Nej",
        )
    assert error.value.messages == [str(CLOSED_ALREADY)]


def test_closing_needs_reasons_and_a_date_not_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        recommendation_close(
            recommendation=world.recommendation,
            closed_by=world.advisor,
            now=at(datetime.date(2025, 6, 1)),
            status=Status.NOT_CARRIED_OUT,
            closed_date=datetime.date(2025, 6, 2),
            reason=" ",
        )
    assert set(error.value.message_dict) == {"reason", "closed_date"}


def test_deleting_an_inquiry_removes_only_its_link(world):
    first, second = world.inquiries
    first.delete()
    assert list(world.recommendation.inquiries.all()) == [second]
