"""The report's `feedback`, `referred_by` and `minutes`: computed from the registrations, the
survey's small numbers hidden for everyone, time shown only where time is registered."""

import datetime
import json

import pytest
from django.urls import reverse

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.feedback.figures import feedback_figures, suppressed
from borgerraadgiver.feedback.models import SurveyAnswer
from borgerraadgiver.inquiries.models import Contact, InquiryAction
from borgerraadgiver.organisation.models import ActivityKind, HandlingType, ReferralSource
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.organisation.small_numbers import SmallNumbers
from borgerraadgiver.reports.statistics import (
    report_statistics,
    statistics_as_json,
    statistics_from_json,
)
from tests.factories import ActionFactory, AreaFactory, HandlingTypeFactory, InquiryFactory

pytestmark = pytest.mark.django_db

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
TODAY = datetime.date(2025, 2, 1)
PAGE = "?start=2024-01-01&end=2024-12-31"


def _answers(area, kind: str, verdicts: list[tuple[str, str, str]], month=(2024, 3)) -> None:
    for felt_heard, understood, helped in verdicts:
        SurveyAnswer.objects.create(
            handling_kind=kind,
            area=area,
            received_month=datetime.date(*month, 1),
            felt_heard=felt_heard,
            understood_answer=understood,
            contact_helped=helped,
        )


def _json() -> dict:
    stats = report_statistics(period=YEAR, today=TODAY)
    data = json.loads(json.dumps(statistics_as_json(stats)))
    assert statistics_from_json(data) == stats
    return data


def test_small_counts_are_hidden_and_cannot_be_worked_out_from_the_total(db):
    area = AreaFactory(name="Læring")
    _answers(area, "advice", [("yes", "yes", "yes")] * 5 + [("no", "yes", "partly")])
    _answers(area, "dialogue", [("yes", "no", "no")] * 2)
    _answers(area, "forwarded", [("yes", "yes", "no")] * 4)
    _answers(area, "advice", [("yes", "yes", "yes")] * 9, month=(2025, 1))  # another year
    feedback = _json()["feedback"]
    assert feedback["small_number_threshold"] == 3
    assert feedback["answers"] == 12
    advice = feedback["by_handling_kind"]["advice"]
    assert advice["answers"] == 6
    # 5 yes and 1 no: the 1 is hidden, and so is the 5, or 6 - 5 would give the 1 away.
    assert advice["felt_heard"] == {"yes": None, "partly": 0, "no": None}
    assert advice["understood_answer"] == {"yes": 6, "partly": 0, "no": 0}
    # Two dialogue answers: under the threshold, every count of the group hidden; the next
    # smallest group (4 forwarded) is hidden with it, or 12 - 6 - 4 would give the 2 away.
    for kind in ("dialogue", "forwarded"):
        assert feedback["by_handling_kind"][kind]["answers"] is None
        assert set(feedback["by_handling_kind"][kind]["felt_heard"].values()) == {None}


def test_the_rule_hides_nothing_with_a_threshold_of_one(db):
    area = AreaFactory()
    _answers(area, "advice", [("yes", "yes", "no")])
    figures = feedback_figures(
        start=YEAR.start, end=YEAR.end, area_id=None, rule=lambda: SmallNumbers(1)
    )
    assert figures is not None and figures.answers == 1
    assert suppressed({"yes": 1, "no": 0}, SmallNumbers(1)) == {"yes": 1, "no": 0}


def test_the_statistics_page_shows_under_n_to_everyone(db, advisor_client, report_reader_client):
    area = AreaFactory(name="Læring")
    _answers(area, "advice", [("yes", "yes", "yes")] * 4 + [("no", "no", "no")])
    for client in (advisor_client, report_reader_client):
        page = client.get(reverse("reports:statistics") + PAGE).content.decode()
        assert 'id="verdict-heading"' in page
        assert "under 3" in page


def test_no_answers_no_time_and_no_sources_show_nothing(db, advisor_client):
    InquiryFactory(received_date=datetime.date(2024, 3, 1))
    data = _json()
    assert data["feedback"] is None
    assert "minutes" not in data
    assert data["referred_by"] == {}
    page = advisor_client.get(reverse("reports:statistics") + PAGE).content.decode()
    for heading in ("verdict-heading", "minutes-heading", "referred-heading"):
        assert heading not in page


def test_referred_by_counts_the_periods_inquiries_per_source(db):
    web = ReferralSource.objects.create(name="Hjemmesiden", sort_order=1)
    department = ReferralSource.objects.create(name="En afdeling", sort_order=2)
    ReferralSource.objects.create(name="Gammel kilde", is_active=False)
    for day in (datetime.date(2024, 2, 1), datetime.date(2024, 5, 1), datetime.date(2023, 5, 1)):
        InquiryFactory(received_date=day, referred_by=department)
    InquiryFactory(received_date=datetime.date(2024, 5, 1))
    assert web.pk
    assert _json()["referred_by"] == {"Hjemmesiden": 0, "En afdeling": 2}


def test_minutes_per_area_and_handling_kind_with_the_activities(db, advisor):
    first, second = AreaFactory(name="Læring", sort_order=1), AreaFactory(name="Job", sort_order=2)
    advice = HandlingTypeFactory(name="Råd", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialog", kind=HandlingType.Kind.DIALOGUE)
    one = InquiryFactory(
        department__area=first, received_date=datetime.date(2024, 3, 1), handling_type=advice
    )
    two = InquiryFactory(
        department__area=second, received_date=datetime.date(2024, 4, 1), handling_type=dialogue
    )
    old = InquiryFactory(department__area=first, received_date=datetime.date(2023, 4, 1))
    Contact.objects.create(inquiry=one, contact_date=one.received_date, kind="phone", minutes=30)
    Contact.objects.create(inquiry=one, contact_date=one.received_date, kind="phone")
    Contact.objects.create(inquiry=two, contact_date=two.received_date, kind="phone", minutes=20)
    Contact.objects.create(inquiry=old, contact_date=old.received_date, kind="phone", minutes=99)
    InquiryAction.objects.create(
        inquiry=two, action=ActionFactory(), action_date=two.received_date, minutes=90
    )
    Activity.objects.create(
        activity_date=datetime.date(2024, 9, 1),
        kind=ActivityKind.objects.create(name="Oplæg"),
        minutes=60,
        created_by=advisor,
    )
    assert _json()["minutes"] == {
        "total": 200,
        "by_area": {"Læring": 30, "Job": 110},
        "by_handling_kind": {"advice": 30, "dialogue": 110},
        "activities": 60,
    }
