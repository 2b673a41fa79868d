"""The report as PDF or Word, made in the background: only the advisor who asked sees it, the
download is logged as the report's download, and a published edition is still sent at once."""

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.jobs.files import job_file_path
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.reports import tasks
from borgerraadgiver.reports.services import report_publish

pytestmark = pytest.mark.django_db


def test_the_pdf_is_made_as_a_job_and_downloaded_by_its_advisor_only(
    advisor_client, advisor, other_advisor_client
):
    response = advisor_client.get("/report/2024/document.pdf")
    job = Job.objects.get()
    assert response.url == reverse("report_document:job", args=[job.pk])
    assert (job.owner, job.kind, job.status) == (advisor, Job.Kind.REPORT_DOCUMENT, "done")
    assert job_file_path(job).read_bytes().startswith(b"%PDF")

    page = advisor_client.get(response.url)
    download = reverse("report_document:job_download", args=[job.pk])
    assert download in page.content.decode()

    assert other_advisor_client.get(response.url).status_code == 404
    assert other_advisor_client.get(download).status_code == 404
    assert not AccessLogEntry.objects.filter(action="export").exists()

    file = advisor_client.get(download)
    assert file.content.startswith(b"%PDF")
    assert file["Content-Disposition"] == 'attachment; filename="beretning-2024.pdf"'
    log = AccessLogEntry.objects.get(action="export")
    assert (log.user, log.event, log.detail) == (
        advisor,
        AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
        "2024 (pdf)",
    )


def test_a_published_edition_is_sent_at_once_and_its_draft_made_in_the_background(
    advisor_client, advisor, now
):
    report_publish(user=advisor, period=report_period_for_year(2024, office=Office.load()), now=now)
    response = advisor_client.get("/report/2024/document.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not Job.objects.exists()

    draft = advisor_client.get("/report/2024/document.pdf?draft=1")
    job = Job.objects.get()
    assert draft.url == reverse("report_document:job", args=[job.pk])
    assert job.parameters == {"source": "year", "year": 2024, "fmt": "pdf", "draft": True}


def test_a_failed_document_says_so(advisor_client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(tasks, "report_document_for_year", broken)
    page = advisor_client.get("/report/2024/document.docx", follow=True)
    assert page.templates[0].name == "reports/document_job.html"
    assert page.context["job"].status == "failed"
    assert page.context["job"].failure in page.content.decode()
    job = page.context["job"]
    assert (
        advisor_client.get(reverse("report_document:job_download", args=[job.pk])).status_code
        == 404
    )


def test_the_statistics_as_pdf_is_made_in_the_background_for_a_report_reader_too(
    report_reader_client, advisor_client
):
    url = reverse("reports:download", args=["pdf"])
    response = report_reader_client.get(url)
    job = Job.objects.get()
    assert response.url == reverse("report_document:job", args=[job.pk])
    assert job.parameters["source"] == "statistics"
    page = report_reader_client.get(response.url)
    assert reverse("reports:statistics") + "?" in page.content.decode()
    assert advisor_client.get(response.url).status_code == 404

    file = report_reader_client.get(reverse("report_document:job_download", args=[job.pk]))
    assert file.content.startswith(b"%PDF")
    name = job.result["filename"]
    assert name.startswith("beretning-") and name in file["Content-Disposition"]
    log = AccessLogEntry.objects.get(action="export")
    assert (log.event, log.detail) == (AccessEvent.STATISTICS_EXPORTED, name)
