"""Publishing freezes the whole document: figures, texts, case examples and the rendered files.
A text edited afterwards is a draft for a corrected edition, published anew with what changed;
the first edition can still be downloaded byte for byte."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.report_content import services as content_services
from borgerraadgiver.report_content.models import Section
from borgerraadgiver.reports.models import PublishedFile, PublishedReport
from borgerraadgiver.reports.selectors import report_document_for_year, report_editions
from borgerraadgiver.reports.services import (
    NOTHING_CHANGED,
    report_publish,
    report_publish_correction,
)
from tests.factories import AreaFactory, DepartmentFactory, InquiryFactory
from tests.helpers import at
from tests.reports.test_render import texts

FIRST = at(datetime.date(2025, 2, 10))
SECOND = at(datetime.date(2025, 3, 3))
pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db, advisor):
    learning = AreaFactory(name="Læring")
    InquiryFactory.create_batch(
        3, department=DepartmentFactory(area=learning), received_date=datetime.date(2024, 4, 1)
    )
    period = report_period_for_year(2024, office=Office.load())
    content_services.report_text_save(
        user=advisor,
        period=period,
        section=Section.RECOMMENDATIONS,
        area=None,
        body="Vi opfordrer til hurtige svar.",
        now=FIRST,
    )
    report = report_publish(user=advisor, period=period, now=FIRST, note="Sendt til byrådet")
    files = {f.format: bytes(f.content) for f in PublishedFile.objects.filter(report=report)}
    return report, period, files


def _edit(advisor, period, body="Vi opfordrer til hurtige og klare svar."):
    content_services.report_text_save(
        user=advisor,
        period=period,
        section=Section.RECOMMENDATIONS,
        area=None,
        body=body,
        now=SECOND,
    )


def test_a_publication_keeps_its_files_and_serves_them_byte_for_byte(published, advisor):
    report, period, files = published
    assert set(files) == {"html", "docx", "pdf"}
    assert all(files.values())
    _edit(advisor, period)
    for fmt in ("html", "docx", "pdf"):
        served = report_document_for_year(
            year=2024, fmt=fmt, today=SECOND.date(), published_only=True
        )
        assert served.content == files[fmt] and served.published == report
    assert "hurtige svar." in files["html"].decode()
    assert "klare svar" not in files["html"].decode()
    # The draft for a corrected edition has the new text.
    draft = report_document_for_year(
        year=2024, fmt="html", today=SECOND.date(), published_only=False, draft=True
    )
    assert "hurtige og klare svar" in draft.content.decode()


def test_a_text_edited_afterwards_is_a_draft_for_a_corrected_edition(published, advisor):
    report, period, files = published
    assert report_editions(period=period, now=SECOND).draft_changes == []
    _edit(advisor, period)
    changes = report_editions(period=period, now=SECOND).draft_changes
    assert len(changes) == 1 and str(Section.RECOMMENDATIONS.label) in changes[0]

    second = report_publish_correction(user=advisor, period=period, now=SECOND, note="Rettet")
    report.refresh_from_db()
    assert (second.edition, second.is_in_force, report.is_in_force) == (2, True, False)
    assert second.changes == changes
    html = bytes(second.files.get(format="html").content).decode()
    (about,) = texts("About this edition")
    assert about in html and changes[0] in html and "Rettet" in html
    assert "hurtige og klare svar" in html
    # The first edition is still there as it was sent.
    assert {f.format: bytes(f.content) for f in report.files.all()} == files
    assert report_editions(period=period, now=SECOND).draft_changes == []


def test_a_correction_with_nothing_changed_is_refused(published, advisor):
    _report, period, _files = published
    with pytest.raises(ValidationError) as refused:
        report_publish_correction(user=advisor, period=period, now=SECOND)
    assert refused.value.code == "nothing_changed"
    assert str(NOTHING_CHANGED % {"edition": 1}) in refused.value.messages
    assert PublishedReport.objects.count() == 1


def test_the_pages_publish_a_correction_and_give_every_edition_as_published(
    published, advisor, advisor_client, report_reader_client
):
    report, period, files = published
    _edit(advisor, period)
    url = reverse("report_document:editions", args=[2024])
    page = advisor_client.get(url)
    assert page.status_code == 200 and page.context["space"].draft_changes
    assert advisor_client.post(url, {"note": "Ny formulering"}).status_code == 302
    assert PublishedReport.objects.in_force().get().edition == 2
    first = report_reader_client.get(reverse("report_document:edition", args=[report.pk, "pdf"]))
    assert first.status_code == 200 and first.content == files["pdf"]
    assert "udgave-1.pdf" in first["Content-Disposition"]
    current = report_reader_client.get(reverse("report_document:document", args=[2024, "pdf"]))
    assert current.content != files["pdf"]
    statistics = report_reader_client.get(reverse("reports:statistics") + "?year=2024")
    assert (
        reverse("report_document:edition", args=[report.pk, "pdf"]) in statistics.content.decode()
    )


def test_the_command_writes_the_published_file_as_it_was_published(published, advisor, tmp_path):
    _report, period, files = published
    _edit(advisor, period)
    target = tmp_path / "beretning.pdf"
    call_command(
        "report",
        "--year",
        "2024",
        "--published",
        "--format",
        "pdf",
        "--output",
        str(target),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert target.read_bytes() == files["pdf"]
