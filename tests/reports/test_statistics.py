"""The statistics source: periods, how each figure is counted, filters, JSON, query count."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.inquiries.models import ComplainantKind, InquiryAction
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement
from borgerraadgiver.inquiries.services.registration import inquiry_register
from borgerraadgiver.organisation.models import ActivityKind, Area, HandlingType, Office
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    percent_of,
    report_period_between,
    report_period_containing,
    report_period_for_year,
    report_statistics,
    statistics_as_json,
    statistics_from_json,
)
from tests.factories import (
    ActionFactory,
    AdvisorFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
)

TODAY = datetime.date(2025, 2, 1)
YEAR_2024 = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
d = datetime.date


# Periods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_month", "year", "start", "end", "label"),
    [
        (1, 2024, d(2024, 1, 1), d(2024, 12, 31), "2024"),
        (4, 2024, d(2024, 4, 1), d(2025, 3, 31), "2024/25"),
        (7, 2023, d(2023, 7, 1), d(2024, 6, 30), "2023/24"),
    ],
)
def test_report_year_follows_the_offices_first_month(start_month, year, start, end, label):
    period = report_period_for_year(year, office=Office(report_period_start_month=start_month))
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("period", "previous"),
    [
        # A year: the year before, also across a leap year.
        ((d(2024, 1, 1), d(2024, 12, 31)), (d(2023, 1, 1), d(2023, 12, 31))),
        ((d(2025, 1, 1), d(2025, 12, 31)), (d(2024, 1, 1), d(2024, 12, 31))),
        ((d(2024, 4, 1), d(2025, 3, 31)), (d(2023, 4, 1), d(2024, 3, 31))),
        # Whole months: as many months before.
        ((d(2024, 3, 1), d(2024, 5, 31)), (d(2023, 12, 1), d(2024, 2, 29))),
        # Any other span: as many days before.
        ((d(2024, 3, 10), d(2024, 3, 19)), (d(2024, 2, 29), d(2024, 3, 9))),
    ],
)
def test_previous_period_has_the_same_length_just_before(period, previous):
    assert ReportPeriod(*period).previous() == ReportPeriod(*previous)


def test_period_containing_a_day_in_an_april_to_march_year():
    office = Office(report_period_start_month=4)
    assert report_period_containing(d(2025, 2, 3), office=office).label == "2024/25"
    assert report_period_containing(d(2025, 4, 1), office=office).label == "2025/26"


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        report_period_between(d(2024, 5, 1), d(2024, 4, 30))


@pytest.mark.parametrize(
    ("count", "total", "percent"),
    [(189, 257, 74), (36, 257, 14), (16, 257, 6), (1, 8, 13), (1, 200, 1), (0, 0, 0)],
)
def test_percentages_are_whole_and_rounded_half_up(count, total, percent):
    assert percent_of(count, total) == percent


# Counting ----------------------------------------------------------------------------------


@pytest.fixture
def lists(db):
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE)
    forwarded = HandlingTypeFactory(name="Oversendelsessag", kind=HandlingType.Kind.FORWARDED)
    other = HandlingTypeFactory(name="Anden behandling", kind=HandlingType.Kind.OTHER)
    for order, handling in enumerate([advice, dialogue, forwarded, other]):
        handling.sort_order = order
        handling.save()
    second = AreaFactory(name="B-området", sort_order=2)
    first = AreaFactory(name="Z-området", sort_order=1)
    return {
        "advice": advice,
        "dialogue": dialogue,
        "forwarded": forwarded,
        "other": other,
        "first": first,
        "second": second,
        "school": DepartmentFactory(area=first, name="Skole", sort_order=2),
        "family": DepartmentFactory(area=first, name="Familie", sort_order=1),
        "jobs": DepartmentFactory(area=second, name="Jobcenter"),
        "late": ReasonFactory(name="Manglende svar", sort_order=2),
        "staff": ReasonFactory(name="Personalets optræden", sort_order=1),
    }


def test_inquiries_are_counted_by_the_period_of_their_received_date(lists):
    InquiryFactory(department=lists["school"], received_date=d(2023, 12, 31))
    InquiryFactory(department=lists["school"], received_date=d(2024, 1, 1))
    InquiryFactory(department=lists["school"], received_date=d(2024, 12, 31))
    InquiryFactory(department=lists["school"], received_date=d(2025, 1, 1))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert (stats.total, stats.previous_total, stats.change) == (2, 1, 1)


def test_areas_and_departments_in_the_administrators_order_with_zero_rows(lists):
    InquiryFactory.create_batch(2, department=lists["school"], received_date=d(2024, 5, 1))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert [a.area for a in stats.by_area] == ["Z-området", "B-området"]
    first = stats.area_named("Z-området")
    assert [(x.name, x.count) for x in first.departments] == [("Familie", 0), ("Skole", 2)]
    assert stats.area_named("B-området").count == 0


def test_a_department_ended_before_the_period_is_left_out_unless_it_has_inquiries(lists):
    ended = DepartmentFactory(area=lists["first"], name="Gammel", valid_to=d(2023, 12, 31))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert "Gammel" not in [x.name for x in stats.area_named("Z-området").departments]
    InquiryFactory(department=ended, received_date=d(2024, 1, 5))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert ("Gammel", 1) in [(x.name, x.count) for x in stats.area_named("Z-området").departments]


def test_advice_only_and_involved_reasons_count_an_inquiry_once_under_each_reason(lists):
    school, late, staff = lists["school"], lists["late"], lists["staff"]
    on = d(2024, 6, 1)
    InquiryFactory(
        department=school, received_date=on, handling_type=lists["advice"], reasons=[late, staff]
    )
    InquiryFactory(
        department=school, received_date=on, handling_type=lists["advice"], reasons=[late]
    )
    InquiryFactory(
        department=school, received_date=on, handling_type=lists["dialogue"], reasons=[staff]
    )
    InquiryFactory(
        department=school, received_date=on, handling_type=lists["forwarded"], reasons=[late]
    )
    InquiryFactory(
        department=school, received_date=on, handling_type=lists["other"], reasons=[late]
    )
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    # In the administrator's order (staff before late), not by count.
    assert [(r.name, r.count) for r in stats.reasons_advice_only] == [
        ("Personalets optræden", 1),
        ("Manglende svar", 2),
    ]
    assert [(r.name, r.count) for r in stats.reasons_involved] == [
        ("Personalets optræden", 1),
        ("Manglende svar", 1),
    ]
    area = stats.area_named("Z-området")
    assert (area.advice_only, area.dialogue, area.forwarded, area.involved, area.other) == (
        2,
        1,
        1,
        2,
        1,
    )
    assert (stats.advice_only_percent, stats.involved_percent) == (40, 40)
    assert [(h.name, h.count, h.percent) for h in stats.by_handling] == [
        ("Råd og vejledning", 2, 40),
        ("Dialogsag", 1, 20),
        ("Oversendelsessag", 1, 20),
        ("Anden behandling", 1, 20),
    ]


def test_counted_actions_belong_to_the_period_of_their_inquiry(lists):
    meeting = ActionFactory(name="Deltaget i møde")
    ActionFactory(name="Hjulpet med ansøgning")
    inquiry = InquiryFactory(department=lists["school"], received_date=d(2024, 12, 20))
    InquiryAction.objects.create(inquiry=inquiry, action=meeting, action_date=d(2025, 1, 10))
    InquiryAction.objects.create(inquiry=inquiry, action=meeting, action_date=d(2025, 1, 20))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert [(a.name, a.count) for a in stats.actions] == [
        ("Deltaget i møde", 2),
        ("Hjulpet med ansøgning", 0),
    ]
    assert report_statistics(period=YEAR_2024.previous(), today=TODAY).actions[0].count == 0


def test_activities_are_counted_per_kind_in_their_own_period(lists):
    talk = ActivityKind.objects.create(name="Oplæg", sort_order=1)
    sparring = ActivityKind.objects.create(name="Sparring", sort_order=2)
    advisor = AdvisorFactory()
    for day, kind in [(d(2024, 2, 1), talk), (d(2024, 9, 1), talk), (d(2024, 3, 1), sparring)]:
        Activity.objects.create(activity_date=day, kind=kind, created_by=advisor)
    Activity.objects.create(activity_date=d(2025, 1, 2), kind=talk, created_by=advisor)
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    assert [(a.name, a.count) for a in stats.activities] == [("Oplæg", 2), ("Sparring", 1)]


def test_an_area_or_department_filter_narrows_every_figure(lists):
    on = d(2024, 4, 1)
    InquiryFactory.create_batch(3, department=lists["school"], received_date=on)
    InquiryFactory(department=lists["family"], received_date=on)
    InquiryFactory(department=lists["jobs"], received_date=on)
    InquiryFactory(department=lists["school"], received_date=d(2023, 4, 1))

    area = report_statistics(period=YEAR_2024, area=lists["first"], today=TODAY)
    assert (area.total, area.previous_total, area.area) == (4, 1, "Z-området")
    assert [a.area for a in area.by_area] == ["Z-området"]

    school = report_statistics(period=YEAR_2024, department=lists["school"], today=TODAY)
    assert (school.total, school.area, school.department) == (3, "Z-området", "Skole")
    assert [(x.name, x.count) for x in school.by_area[0].departments] == [("Skole", 3)]


def test_json_is_serialisable_and_reads_back_to_the_same_figures(lists, make_sent):
    InquiryFactory(
        department=lists["school"], received_date=d(2024, 2, 1), handling_type=lists["dialogue"]
    )
    make_sent(d(2024, 3, 4), department=lists["school"])
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    data = json.loads(json.dumps(statistics_as_json(stats)))
    assert data["period"]["start"] == "2024-01-01"
    assert data["forwarding"]["overall"]["sent"] == 1
    assert data["forwarding"]["overall"]["unanswered_overdue"] == 1
    assert statistics_from_json(data) == stats
    for key in [
        "period",
        "total",
        "previous_total",
        "by_area",
        "by_handling",
        "reasons_advice_only",
        "reasons_involved",
        "actions",
    ]:
        assert key in data
    assert set(data["by_area"][0]) >= {
        "area",
        "count",
        "departments",
        "handling",
        "reasons_advice_only",
        "reasons_involved",
    }


def _fill(n: int, lists: dict) -> None:
    handlings = [lists["advice"], lists["dialogue"], lists["forwarded"], lists["other"]]
    departments = [lists["school"], lists["family"], lists["jobs"]]
    meeting = ActionFactory(name="Deltaget i møde")
    for i in range(n):
        inquiry = InquiryFactory(
            department=departments[i % 3],
            handling_type=handlings[i % 4],
            received_date=d(2023 + i % 2, 1 + i % 12, 1 + i % 28),
            reasons=[lists["late"], lists["staff"]][: 1 + i % 2],
            person=None,
            complainant_kind="anonymous",
        )
        if i % 5 == 0:
            InquiryAction.objects.create(inquiry=inquiry, action=meeting, action_date=d(2024, 6, 1))


def _queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        report_statistics(period=YEAR_2024, today=TODAY, **kwargs)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_number_of_inquiries(lists):
    _fill(10, lists)
    _queries()  # the office's closing days are read once, then kept (organisation.kept)
    few = _queries()
    few_filtered = _queries(area=lists["first"])
    _fill(190, lists)
    assert report_statistics(period=YEAR_2024, today=TODAY).total == 100
    assert _queries() == few
    assert _queries(area=lists["first"]) == few_filtered
    # 16 for the counts (with the letters and the recommendations), 5 for referred by, minutes
    # and the survey (reports/statistics/learning.py)
    assert few <= 21


def test_areas_outside_the_administration_keep_their_kind(lists):
    outside = AreaFactory(name="Udenfor kompetence", kind=Area.Kind.OUTSIDE_COMPETENCE)
    InquiryFactory(department=None, area=outside, received_date=d(2024, 5, 5))
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    row = stats.area_named("Udenfor kompetence")
    assert (row.kind, row.count, row.departments) == ("outside_competence", 1, ())


def test_reasons_and_actions_are_right_when_inquiries_are_registered_out_of_order(lists):
    # A late registration (a higher id than the next year's inquiries) counts in its own year.
    meeting = ActionFactory(name="Deltaget i møde")
    late, staff = lists["late"], lists["staff"]
    order = [(d(2024, 3, 1), late), (d(2023, 6, 1), staff), (d(2024, 9, 1), late)]
    for day, reason in order:
        inquiry = InquiryFactory(
            department=lists["school"],
            received_date=day,
            handling_type=lists["advice"],
            reasons=[reason],
        )
        InquiryAction.objects.create(inquiry=inquiry, action=meeting, action_date=day)
    year = report_statistics(period=YEAR_2024, today=TODAY)
    before = report_statistics(period=YEAR_2024.previous(), today=TODAY)
    assert [(r.name, r.count) for r in year.reasons_advice_only] == [("Manglende svar", 2)]
    assert [(r.name, r.count) for r in before.reasons_advice_only] == [("Personalets optræden", 1)]
    assert (year.actions[0].count, before.actions[0].count) == (2, 1)
    empty = report_statistics(period=ReportPeriod(d(2030, 1, 1), d(2030, 12, 31)), today=TODAY)
    assert (empty.total, empty.reasons_advice_only, empty.actions[0].count) == (0, (), 0)


def test_a_registration_group_counts_one_inquiry_per_department_in_each_area(lists, advisor, now):
    # One phone call about two departments in one area and one in another: three linked
    # inquiries (registration rule 1), two of them in the same area.
    inquiries = inquiry_register(
        registered_by=advisor,
        now=now,
        received_date=d(2024, 3, 4),
        channel="phone",
        complainant_kind=ComplainantKind.CITIZEN,
        placements=[
            Placement(area=lists["first"], department=lists["school"]),
            Placement(area=lists["first"], department=lists["family"]),
            Placement(area=lists["second"], department=lists["jobs"]),
        ],
        reasons=[lists["late"]],
        handling_type=lists["advice"],
        new_person=PersonData(name="Mette Prøvesen", phone="12 34 56 78"),
    )
    assert len({inquiry.registration_group for inquiry in inquiries}) == 1
    stats = report_statistics(period=YEAR_2024, today=TODAY)
    first = stats.area_by_id(lists["first"].pk)
    assert (stats.total, first.count, stats.area_by_id(lists["second"].pk).count) == (3, 2, 1)
    assert [(x.name, x.count) for x in first.departments] == [("Familie", 1), ("Skole", 1)]
    assert (first.advice_only, stats.advice_only) == (2, 3)
    # Its reason counts once per inquiry: twice in the area, three times in all.
    assert [(r.name, r.count) for r in first.reasons_advice_only] == [("Manglende svar", 2)]
    assert [(r.name, r.count) for r in stats.reasons_advice_only] == [("Manglende svar", 3)]
