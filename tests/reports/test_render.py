"""The report as DOCX, PDF and HTML: opened as a reader's program would, every figure checked
against the computed statistics (never typed here), the approved example in, the candidate out."""

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from borgerraadgiver.organisation.models import Area, HandlingType, Office
from borgerraadgiver.report_content import services
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.render import RenderError, render
from borgerraadgiver.reports.render.builder import page_of
from borgerraadgiver.reports.render.docx import TemplateError
from borgerraadgiver.reports.statistics import ReportPeriod, report_statistics
from tests.factories import (
    AdvisorFactory,
    AreaFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
)

YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
APPROVED = "Familien ventede på svar"
CANDIDATE = "Et udkast ingen har godkendt"


@pytest.fixture
def data(db, advisor, now):
    """Two areas with departments, every kind of handling, reasons, texts and two examples."""
    learning = AreaFactory(name="Læring", sort_order=1)
    work = AreaFactory(name="Beskæftigelse", sort_order=2)
    general = AreaFactory(name="Borgerrådgiverfunktionen", kind=Area.Kind.GENERAL, sort_order=8)
    family = DepartmentFactory(area=learning, name="Børn og Familie", sort_order=1)
    school = DepartmentFactory(area=learning, name="Skole", sort_order=2)
    jobcentre = DepartmentFactory(area=work, name="Jobcenter", sort_order=1)
    advice = HandlingTypeFactory(name="Råd og vejledning", kind=HandlingType.Kind.ADVICE)
    dialogue = HandlingTypeFactory(name="Dialogsag", kind=HandlingType.Kind.DIALOGUE)
    forwarded = HandlingTypeFactory(name="Oversendelsessag", kind=HandlingType.Kind.FORWARDED)
    no_answer = ReasonFactory(name="Manglende svar")
    procedure = ReasonFactory(name="Sagsbehandlingsprocedure")
    plan = [
        (family, advice, [procedure], 5),
        (family, dialogue, [no_answer], 2),
        (school, forwarded, [no_answer, procedure], 1),
        (jobcentre, advice, [procedure], 3),
        (jobcentre, forwarded, [no_answer], 1),
    ]
    for department, handling, reasons, count in plan:
        for _n in range(count):
            InquiryFactory(
                department=department,
                area=department.area,
                handling_type=handling,
                reasons=reasons,
                received_date=datetime.date(2024, 4, 2),
            )
    InquiryFactory(department=None, area=general, handling_type=advice, reasons=[procedure])
    InquiryFactory(department=family, handling_type=advice, received_date=datetime.date(2023, 5, 1))

    services.report_text_save(
        user=advisor,
        period=YEAR,
        section=Section.RECOMMENDATIONS,
        area=None,
        body="Vi opfordrer til:\n\n- at svare hurtigt\n- at inddrage borgeren",
        now=now,
    )
    services.report_text_save(
        user=advisor, period=YEAR, section=Section.AREA, area=learning, body="Om Læring.", now=now
    )
    approved = services.case_example_mark(
        inquiry=InquiryFactory(department=family, handling_type=dialogue), user=advisor, now=now
    )
    services.case_example_update(
        example=approved,
        user=advisor,
        now=now,
        title=APPROVED,
        text="Familien fik svar efter borgerrådgiverens henvendelse.",
        period=YEAR,
        area=learning,
        handling_kind="dialogue",
    )
    services.case_example_submit(example=approved, user=advisor, now=now)
    services.case_example_approve(example=approved, user=AdvisorFactory(), now=now)
    candidate = services.case_example_mark(
        inquiry=InquiryFactory(department=jobcentre, received_date=datetime.date(2024, 6, 1)),
        user=advisor,
        now=now,
    )
    services.case_example_update(
        example=candidate,
        user=advisor,
        now=now,
        title=CANDIDATE,
        text="Ikke godkendt.",
        period=YEAR,
        area=work,
        handling_kind="advice",
    )
    stats = report_statistics(period=YEAR, today=datetime.date(2025, 1, 15))
    return SimpleNamespace(stats=stats, learning=learning, work=work)


def texts(*msgids: str, **params: object) -> list[str]:
    with translation.override(settings.LANGUAGE_CODE):
        return [_(msgid) % params if params else _(msgid) for msgid in msgids]


def docx_tables(document) -> dict[str, list[list[str]]]:
    """Each table by the caption paragraph just before it."""
    body = document.element.body
    tables = {}
    caption = ""
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            if text.strip():
                caption = text
        elif child.tag.endswith("}tbl"):
            rows = []
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    rows.append(
                        [
                            "".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                            for tc in tr
                            if tc.tag.endswith("}tc")
                        ]
                    )
            tables[caption] = rows
    return tables


def test_docx_has_word_headings_figures_and_every_areas_table(data):
    document = Document(io.BytesIO(render("docx", data.stats)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    chapter_titles = [text for style, text in headings if style == "Heading 1"]
    assert "4 Læring" in chapter_titles and "5 Beskæftigelse" in chapter_titles
    assert chapter_titles[0].startswith("1 ")
    assert {style for style, _text in headings} <= {"Heading 1", "Heading 2", "Heading 3"}
    assert len(document.inline_shapes) == 2  # Figure 1 and Figure 2

    (figure1,) = texts("Figure 1: Inquiries per area, %(period)s", period="2024")
    (figure2,) = texts("Figure 2: Inquiries by handling, %(period)s", period="2024")
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert figure1 in captions and figure2 in captions

    tables = docx_tables(document)
    (areas_caption,) = texts("Inquiries per area, %(period)s", period="2024")
    assert tables[areas_caption][1:-1] == [[a.area, str(a.count)] for a in data.stats.by_area]
    assert tables[areas_caption][-1][1] == str(data.stats.total)
    (handling_caption,) = texts("Inquiries by handling, %(period)s", period="2024")
    assert tables[handling_caption][1:-1] == [
        [h.name, str(h.count), f"{h.percent} %"] for h in data.stats.by_handling
    ]
    for area in data.stats.by_area:
        if area.kind != Area.Kind.ADMINISTRATION:
            continue
        (caption,) = texts("Inquiries per department, %(area)s", area=area.area)
        assert tables[caption][1:] == [[d.name, str(d.count)] for d in area.departments]
        (caption,) = texts("Reasons, the administration involved, %(area)s", area=area.area)
        most_first = sorted(area.reasons_involved, key=lambda r: -r.count)
        assert tables[caption][1:] == [[r.name, str(r.count)] for r in most_first]
    # The header row repeats on every page the table spans.
    assert document.tables[0].rows[0]._tr.trPr.xml.count("tblHeader") == 1


def test_docx_prints_the_texts_and_only_approved_examples(data):
    document = Document(io.BytesIO(render("docx", data.stats)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert APPROVED in text and "Familien fik svar" in text
    assert CANDIDATE not in text and "Ikke godkendt" not in text
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "at svare hurtigt" in bullets and "at inddrage borgeren" in bullets
    assert "Om Læring." in text


def test_docx_renders_into_the_municipalitys_template(data, tmp_path):
    template = Document()
    template.sections[0].header.paragraphs[0].text = "Hedensted Kommune · Borgerrådgiveren"
    template.styles["Heading 1"].font.name = "Georgia"
    template.add_paragraph("Skabelonens eksempeltekst, som skal væk")
    path = tmp_path / "skabelon.docx"
    template.save(path)

    document = Document(io.BytesIO(render("docx", data.stats, template=path)))
    assert document.sections[0].header.paragraphs[0].text == "Hedensted Kommune · Borgerrådgiveren"
    assert document.styles["Heading 1"].font.name == "Georgia"
    assert "Skabelonens eksempeltekst" not in "\n".join(p.text for p in document.paragraphs)
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)
    # None of the project's own template: the municipality's footer, fonts and first page stay.
    assert not document.sections[0].different_first_page_header_footer
    assert "PAGE" not in document.sections[0].footer.paragraphs[0]._p.xml
    assert document.styles["Normal"].font.name != "Arial"
    # The report's words are still marked Danish, and the file carries the office's metadata.
    runs = list(document.element.body.iter(qn("w:r")))
    assert {run.find(f"{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) for run in runs} == {"da-DK"}
    assert document.core_properties.author == Office.load().name
    assert "python-docx" not in (document.core_properties.comments or "")


def test_a_template_without_heading_styles_is_refused_clearly(data, tmp_path):
    template = Document()
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        element = template.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "uden-overskrifter.docx"
    template.save(path)
    with pytest.raises(TemplateError, match="Heading 1, Heading 2, Heading 3"):
        render("docx", data.stats, template=path)
    (tmp_path / "not-word.docx").write_text("hello")
    with pytest.raises(TemplateError, match="cannot be opened"):
        render("docx", data.stats, template=tmp_path / "not-word.docx")


def test_pdf_has_the_figures_tables_and_approved_example(data):
    reader = PdfReader(io.BytesIO(render("pdf", data.stats)))
    assert len(reader.pages) >= 8
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    (figure1, figure2) = texts(
        "Figure 1: Inquiries per area, %(period)s",
        "Figure 2: Inquiries by handling, %(period)s",
        period="2024",
    )
    assert figure1 in flat and figure2 in flat
    for area in data.stats.by_area:
        assert f"{area.area} {area.count}" in flat
        for department in area.departments:
            assert f"{department.name} {department.count}" in flat
    for handling in data.stats.by_handling:
        assert f"{handling.name} {handling.count} {handling.percent} %" in flat
    assert APPROVED in flat and CANDIDATE not in flat
    # The page numbers ("Side 2 af 12") and the running header.
    with translation.override(settings.LANGUAGE_CODE):
        before, between, _after = page_of()
    assert re.search(rf"{before}2{between}\d+\b", reader.pages[1].extract_text())


def test_html_is_standalone_and_accessible(data):
    html = render("html", data.stats).decode()
    assert re.search(r'<html lang="\w+">', html)
    assert html.count("<h1") == 1
    assert "<caption>" in html and '<th scope="col"' in html and '<th scope="row">' in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2 and all('alt="' in image for image in images)
    assert all('src="data:image/svg+xml;base64,' in image for image in images)
    assert not re.search(r'(src|href)="https?:', html)  # nothing fetched from anywhere
    assert APPROVED in html and CANDIDATE not in html


def test_user_text_is_escaped_in_the_html(data, advisor, now):
    services.report_text_save(
        user=advisor,
        period=YEAR,
        section=Section.INTRODUCTION,
        area=None,
        body='<img src=x onerror="alert(1)">',
        now=now,
    )
    html = render("html", data.stats).decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x" in html


def test_an_unknown_format_is_refused(data):
    with pytest.raises(RenderError):
        render("odt", data.stats)


def test_the_method_appendix_lists_the_published_differences(data):
    from borgerraadgiver.reports.published_differences import published_differences

    tables = docx_tables(Document(io.BytesIO(render("docx", data.stats))))
    (caption,) = texts("Printed and computed figures, %(period)s", period="2024")
    assert [row[:3] for row in tables[caption][1:]] == [
        [d.name, str(d.published), str(d.computed)] for d in published_differences(2024)
    ]


def test_an_april_to_march_year_uses_its_own_label_texts_and_no_calendar_misprints(
    data, advisor, now
):
    period = ReportPeriod(datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    services.report_text_save(
        user=advisor,
        period=period,
        section=Section.RECOMMENDATIONS,
        area=None,
        body="Vi opfordrer til at svare inden for fristen.",
        now=now,
    )
    stats = report_statistics(period=period, today=datetime.date(2025, 4, 15))
    html = render("html", stats).decode()
    (title, figure1, chapter) = texts(
        "Annual report %(period)s",
        "Figure 1: Inquiries per area, %(period)s",
        "Inquiries to the citizens' advisor in %(period)s",
        period="2024/25",
    )
    assert f">{title}</h1>" in html and figure1 in html and chapter in html
    # The texts written for 2024/25, not those of the calendar year 2024.
    assert "svare inden for fristen" in html
    assert "at svare hurtigt" not in html and "Om Læring." not in html
    (caption,) = texts("Printed and computed figures, %(period)s", period="2024/25")
    assert caption not in html


def test_a_report_for_one_area_says_so_in_its_title(data):
    stats = report_statistics(period=YEAR, area=data.learning, today=datetime.date(2025, 1, 15))
    html = render("html", stats).decode()
    (title,) = texts("Annual report %(period)s", period="2024")
    assert f">{title}: Læring</h1>" in html


def test_no_follow_up_sentence_when_none_were_asked_through_the_forwarding_pages(data):
    # Follow-up questions registered as a counted action show in the actions table; a sentence
    # saying "0 times" beside that table would contradict it.
    assert data.stats.follow_up_questions_asked == 0
    html = render("html", data.stats).decode()
    with translation.override(settings.LANGUAGE_CODE):
        sentence = translation.ngettext(
            "In %(period)s the citizens' advisor asked a follow-up question to a "
            "department's answer %(count)d time.",
            "In %(period)s the citizens' advisor asked follow-up questions to a "
            "department's answer %(count)d times.",
            0,
        ) % {"period": "2024", "count": 0}
    assert sentence.split("%")[0][:20] not in html
    assert sentence not in html
