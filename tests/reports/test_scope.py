"""Every scope is a whole, correct report: one area or one department holds only that scope; a
period with nothing registered says so in a short document; the period is named as the office
names it; Figure 1 lists the areas in the order of the summary."""

import datetime
import io
import re
from html import unescape
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from borgerraadgiver.organisation.models import Area, HandlingType
from borgerraadgiver.report_content import services
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.charts import areas_chart
from borgerraadgiver.reports.render import render
from borgerraadgiver.reports.render.document import report_document
from borgerraadgiver.reports.render.model import Figure, Paragraph
from borgerraadgiver.reports.statistics import ReportPeriod, report_statistics
from tests.factories import (
    AdvisorFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
)
from tests.reports.test_render import texts

AREAS = ("Læring", "Beskæftigelse")
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
TODAY = datetime.date(2025, 2, 1)
pytestmark = pytest.mark.django_db


def plain(html: bytes) -> str:
    """The document's text, without markup."""
    text = re.sub(r"<style>.*?</style>", "", html.decode(), flags=re.DOTALL)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def approved_example(inquiry, advisor, now, *, title: str) -> None:
    example = services.case_example_mark(inquiry=inquiry, user=advisor, now=now)
    services.case_example_update(
        example=example,
        user=advisor,
        now=now,
        title=title,
        text="Borgeren fik svar.",
        period=YEAR,
        area=inquiry.area,
        handling_kind="advice",
    )
    services.case_example_submit(example=example, user=advisor, now=now)
    services.case_example_approve(example=example, user=AdvisorFactory(), now=now)


@pytest.fixture
def municipality(db, advisor, now):
    learning = AreaFactory(name="Læring", sort_order=1)
    work = AreaFactory(name="Beskæftigelse", sort_order=2)
    AreaFactory(name="Borgerrådgiverfunktionen", kind=Area.Kind.GENERAL, sort_order=8)
    school = DepartmentFactory(area=learning, name="Skole", sort_order=1)
    daycare = DepartmentFactory(area=learning, name="Dagtilbud", sort_order=2)
    jobs = DepartmentFactory(area=work, name="Jobcenter")
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    on = datetime.date(2024, 4, 2)
    for department, count in ((school, 3), (daycare, 1), (jobs, 5)):
        for _n in range(count):
            InquiryFactory(department=department, handling_type=advice, received_date=on)
    InquiryFactory(department=school, handling_type=advice, received_date=datetime.date(2023, 5, 2))
    for section, body in (
        (Section.RECOMMENDATIONS, "Vi opfordrer hele kommunen til noget."),
        (Section.CLOSING, "Tak for samarbejdet i hele kommunen."),
    ):
        services.report_text_save(
            user=advisor, period=YEAR, section=section, area=None, body=body, now=now
        )
    for area, body in ((learning, "Om Læring."), (work, "Om Beskæftigelse.")):
        services.report_text_save(
            user=advisor, period=YEAR, section=Section.AREA, area=area, body=body, now=now
        )
    approved_example(
        InquiryFactory(department=school, handling_type=advice, received_date=on),
        advisor,
        now,
        title="Eksempel fra Skole",
    )
    approved_example(
        InquiryFactory(department=jobs, handling_type=advice, received_date=on),
        advisor,
        now,
        title="Eksempel fra Jobcenter",
    )
    return SimpleNamespace(learning=learning, work=work, school=school, jobs=jobs)


def test_a_report_for_one_area_holds_only_that_area(municipality):
    stats = report_statistics(period=YEAR, area=municipality.learning, today=TODAY)
    text = plain(render("html", stats))
    assert "Eksempel fra Skole" in text and "Om Læring." in text
    whole = ("Vi opfordrer hele kommunen til noget.", "Tak for samarbejdet i hele kommunen.")
    for other in ("Jobcenter", "Beskæftigelse", "Eksempel fra Jobcenter", *whole):
        assert other not in text
    (advisor_chapter, differences, figure1) = texts(
        "Inquiries about the citizens' advisor",
        "Printed and computed figures, %(period)s",
        "Figure 1: Inquiries per department, %(area)s, %(period)s",
        period="2024",
        area="Læring",
    )
    assert advisor_chapter not in text and differences not in text
    assert figure1 in text  # per department, not a single bar for the area


def test_a_report_for_one_department_holds_only_that_department(municipality):
    stats = report_statistics(period=YEAR, department=municipality.school, today=TODAY)
    pdf = PdfReader(io.BytesIO(render("pdf", stats)))
    text = re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in pdf.pages))
    assert "Eksempel fra Skole" in text
    for other in ("Dagtilbud", "Jobcenter", "Eksempel fra Jobcenter", "Om Læring."):
        assert other not in text


def test_the_whole_municipalitys_report_keeps_its_own_chapters(municipality):
    text = plain(render("html", report_statistics(period=YEAR, today=TODAY)))
    (advisor_chapter, differences) = texts(
        "Inquiries about the citizens' advisor",
        "Printed and computed figures, %(period)s",
        period="2024",
    )
    assert advisor_chapter in text and differences in text
    assert "Eksempel fra Skole" in text and "Eksempel fra Jobcenter" in text
    assert "hele kommunen" in text


def test_a_period_without_inquiries_gives_a_short_honest_document(municipality):
    period = ReportPeriod(datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))
    stats = report_statistics(period=period, today=TODAY)
    html = render("html", stats)
    text = plain(html)
    (sentence,) = texts(
        "No inquiries to the citizens' advisor were registered in %(period)s (%(start)s to "
        "%(end)s).",
        period="2030",
        start="1. januar 2030",
        end="31. december 2030",
    )
    assert sentence in text
    assert b"<img" not in html and "100 %" not in text and " 0 % " not in text
    assert "compared" not in text and "mod 0" not in text
    pdf = PdfReader(io.BytesIO(render("pdf", stats)))
    assert len(pdf.pages) <= 3


def test_no_comparison_with_a_period_before_anything_was_registered(municipality):
    # 2023 has one inquiry; 2022 none: the 2023 report says its total without "compared with 0".
    period = ReportPeriod(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))
    text = plain(render("html", report_statistics(period=period, today=TODAY)))
    (with_comparison,) = texts(
        "In %(period)s, %(total)d inquiries to the citizens' advisor were registered, "
        "compared with %(previous)d in %(previous_period)s.",
        period="2023",
        total=1,
        previous=0,
        previous_period="2022",
    )
    assert with_comparison not in text
    assert "2022" not in text


def test_figure_1_lists_the_areas_in_the_order_the_summary_describes_them(municipality):
    # Beskæftigelse has more inquiries (5) than Læring (4) but comes second in the
    # administrator's order: the summary and Figure 1 both follow that order.
    stats = report_statistics(period=YEAR, today=TODAY)
    nodes = report_document(stats).nodes
    (intro,) = texts("The inquiries were distributed as follows:")
    index = next(
        i for i, node in enumerate(nodes) if isinstance(node, Paragraph) and node.text == intro
    )
    summary = [item for item in nodes[index + 1].items for name in AREAS if name in item]
    figure = next(node for node in nodes if isinstance(node, Figure) and node.number == 1)
    in_figure = [row[0] for row in figure.table.rows if row[0] in AREAS]
    assert [name for item in summary for name in AREAS if name in item] == in_figure
    assert in_figure == ["Læring", "Beskæftigelse"]
    assert [row.name for row in areas_chart(stats).rows] == in_figure
