"""The forwarding figures reach the council: per department, the cases sent, answered within the
deadline or late, still open past it, later dates asked for, the median working days to answer,
and the outcomes as counts and shares, in HTML, DOCX and PDF, as a chart with its table."""

import datetime
import io
import re

import pytest
from docx import Document
from pypdf import PdfReader

from borgerraadgiver.forwarding.services import (
    forwarding_answer,
    forwarding_close,
    forwarding_extend,
)
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.statistics import ReportPeriod, report_statistics
from tests.factories import AreaFactory, DepartmentFactory, InquiryFactory
from tests.helpers import at
from tests.reports.test_render import docx_tables, texts

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
pytestmark = pytest.mark.django_db


def answer(forwarding, day):
    forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=at(day),
        answer_text="Svar",
    )


@pytest.fixture
def stats(make_sent, advisor):
    area = AreaFactory(name="Læring")
    family = DepartmentFactory(area=area, name="Børn og Familie", sort_order=1)
    school = DepartmentFactory(area=area, name="Skole", sort_order=2)
    # Sent Wednesday 6 March 2024; the deadline is Wednesday 27 March.
    sent = datetime.date(2024, 3, 6)
    on_time = [make_sent(sent, department=family) for _n in range(3)]
    for forwarding, day, outcome in zip(
        on_time, (8, 13, 27), ("upheld", "not_upheld", "apology"), strict=True
    ):
        answer(forwarding, datetime.date(2024, 3, day))
        forwarding_close(
            forwarding=forwarding,
            closed_by=advisor,
            now=at(datetime.date(2024, 4, 2)),
            outcome=outcome,
        )
    late = make_sent(sent, department=school)
    answer(late, datetime.date(2024, 4, 3))
    extended = make_sent(sent, department=school)
    forwarding_extend(
        forwarding=extended,
        requested_by=extended.department.managers.get(),
        now=at(datetime.date(2024, 3, 20)),
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Afventer",
        citizen_informed=True,
    )
    make_sent(datetime.date(2024, 11, 4), department=school)  # never answered
    return report_statistics(period=YEAR, today=datetime.date(2025, 1, 15))


def test_the_figures_per_department_are_the_ones_the_forwardings_give(stats):
    by_name = {d.department: d.figures for d in stats.forwarding.by_department}
    family, school = by_name["Børn og Familie"], by_name["Skole"]
    assert (family.sent, family.answered_on_time, family.answered_late) == (3, 3, 0)
    # The answer on the deadline day (27 March) is on time.
    assert family.median_working_days_to_answer == 5.0  # 2, 5 and 15 working days
    assert (school.sent, school.answered_late, school.unanswered_overdue, school.extensions) == (
        3,
        1,
        2,
        1,
    )
    assert dict(family.outcomes) == {"apology": 1, "not_upheld": 1, "upheld": 1}


def test_the_docx_has_the_deadline_table_and_the_outcomes_with_shares(stats):
    document = Document(io.BytesIO(render("docx", stats)))
    tables = docx_tables(document)
    (deadlines, outcomes) = texts(
        "Cases sent to the departments and the answer deadline, %(period)s",
        "How the departments judged the criticism in the closed cases, %(period)s",
        period="2024",
    )
    assert tables[deadlines][1:] == [
        ["Børn og Familie", "3", "3", "0", "0", "0", "0", "5"],
        ["Skole", "3", "0", "1", "2", "0", "1", "17"],
        # The median of all four answers (2, 5, 15 and 17 working days), not of the medians.
        [texts("In all")[0], "6", "3", "1", "2", "0", "1", "10"],
    ]
    assert tables[outcomes][1] == [
        "Børn og Familie",
        "3",
        "1 (33 %)",
        "0",
        "1 (33 %)",
        "1 (33 %)",
        "0",
    ]
    assert len(document.inline_shapes) == 3  # Figures 1 and 2, and the forwarding figure


def test_the_pdf_and_html_show_the_chart_with_its_table(stats):
    (caption,) = texts(
        "Figure %(number)d: Answers within the deadline per department, %(period)s",
        number=3,
        period="2024",
    )
    html = render("html", stats).decode()
    assert caption in html
    images = re.findall(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="([^"]*)"', html)
    assert len(images) == 3 and all(images)
    text = re.sub(
        r"\s+",
        " ",
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(render("pdf", stats))).pages),
    )
    assert caption in text
    assert "Børn og Familie 3 3 0 0 0 0 5" in text


def test_no_forwarding_chapter_without_forwardings(db):
    department = DepartmentFactory()
    InquiryFactory(department=department, received_date=datetime.date(2024, 5, 1))
    stats = report_statistics(period=YEAR, today=datetime.date(2025, 1, 15))
    (heading,) = texts("The administration's answers")
    assert heading not in render("html", stats).decode()
