"""Figures are keyed by identity, not by name: two departments (or areas) of the same name are
two, every figure is filtered by the report's scope in SQL, and a scope's median is its own."""

import datetime
import re

import pytest

from borgerraadgiver.forwarding.services import forwarding_answer
from borgerraadgiver.report_content import services
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_statistics,
    statistics_as_json,
    statistics_from_json,
)
from tests.factories import AreaFactory, DepartmentFactory, InquiryFactory
from tests.helpers import at

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
TODAY = datetime.date(2025, 2, 1)
pytestmark = pytest.mark.django_db


@pytest.fixture
def two_secretariats(db):
    learning = AreaFactory(name="Læring", sort_order=1)
    work = AreaFactory(name="Beskæftigelse", sort_order=2)
    return {
        "learning": learning,
        "work": work,
        "learning_office": DepartmentFactory(area=learning, name="Sekretariatet"),
        "work_office": DepartmentFactory(area=work, name="Sekretariatet"),
    }


def answer(forwarding, day):
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(day),
        answer_text="Svar",
    )


def test_two_departments_of_the_same_name_in_two_areas_are_two_rows(two_secretariats, make_sent):
    for day in (datetime.date(2024, 3, 4), datetime.date(2024, 5, 6)):
        make_sent(day, department=two_secretariats["learning_office"])
    make_sent(datetime.date(2024, 4, 2), department=two_secretariats["work_office"])

    whole = report_statistics(period=YEAR, today=TODAY).forwarding
    assert [(d.department, d.department_id, d.figures.sent) for d in whole.by_department] == [
        ("Sekretariatet", two_secretariats["learning_office"].pk, 2),
        ("Sekretariatet", two_secretariats["work_office"].pk, 1),
    ]
    learning = report_statistics(period=YEAR, area=two_secretariats["learning"], today=TODAY)
    # The area's report shows its own department's forwardings, never the other's.
    assert learning.forwarding.overall.sent == 2
    assert [d.area_id for d in learning.forwarding.by_department] == [
        two_secretariats["learning"].pk
    ]
    # The forwarding inquiries are the area's too: no more forwardings than inquiries.
    assert learning.forwarding.overall.sent <= learning.total
    office = report_statistics(period=YEAR, department=two_secretariats["work_office"], today=TODAY)
    assert office.forwarding.overall.sent == 1


def test_the_ids_survive_the_json_and_back(two_secretariats, make_sent):
    make_sent(datetime.date(2024, 3, 4), department=two_secretariats["learning_office"])
    make_sent(datetime.date(2024, 3, 4), department=two_secretariats["work_office"])
    stats = report_statistics(period=YEAR, today=TODAY)
    data = statistics_as_json(stats)
    assert {row["department_id"] for row in data["forwarding"]["by_department"]} == {
        two_secretariats["learning_office"].pk,
        two_secretariats["work_office"].pk,
    }
    learning = next(a for a in data["by_area"] if a["area_id"] == two_secretariats["learning"].pk)
    assert learning["departments"][0]["department_id"] == two_secretariats["learning_office"].pk
    assert statistics_from_json(data) == stats


def test_an_area_keeps_its_median_when_its_departments_are_put_together(make_sent):
    area = AreaFactory(name="Social Omsorg")
    fast, slow = DepartmentFactory(area=area), DepartmentFactory(area=area)
    # Sent Monday 4 March 2024: answered after 2, 4 and 10 working days.
    for department, day in ((fast, 6), (fast, 8), (slow, 15)):
        answer(
            make_sent(datetime.date(2024, 3, 4), department=department), datetime.date(2024, 3, day)
        )
    stats = report_statistics(period=YEAR, area=area, today=TODAY).forwarding
    assert stats.overall.median_working_days_to_answer == 4.0
    medians = {
        d.department_id: d.figures.median_working_days_to_answer for d in stats.by_department
    }
    assert medians == {fast.pk: 3.0, slow.pk: 9.0}


def test_an_areas_comments_are_found_by_its_id_when_two_areas_share_a_name(advisor, now):
    # Læring was re-organised mid-year: the old area ended in June, a new one of the same name
    # began in July. Each chapter prints its own area's comments.
    old = AreaFactory(name="Læring", valid_to=datetime.date(2024, 6, 30), sort_order=1)
    new = AreaFactory(name="Læring", valid_from=datetime.date(2024, 7, 1), sort_order=2)
    for area, day, body in ((old, 3, "Om det gamle område."), (new, 9, "Om det nye område.")):
        InquiryFactory(
            department=DepartmentFactory(area=area), received_date=datetime.date(2024, day, 1)
        )
        services.report_text_save(
            user=advisor, period=YEAR, section=Section.AREA, area=area, body=body, now=now
        )
    html = render("html", report_statistics(period=YEAR, today=TODAY)).decode()
    chapters = re.split(r'<h2 id="[^"]+" class="chapter">', html)
    learning = [chapter for chapter in chapters if chapter.split("<")[0].endswith("Læring")]
    assert len(learning) == 2
    assert "Om det gamle område." in learning[0] and "Om det nye område." not in learning[0]
    assert "Om det nye område." in learning[1] and "Om det gamle område." not in learning[1]
