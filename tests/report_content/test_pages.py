"""The annual report's pages under /report/: who may see what, what a page does, its queries."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import ReportPeriod, report_period_for_year
from borgerraadgiver.report_content import services
from borgerraadgiver.report_content.models import CaseExample, ReportText, Section
from borgerraadgiver.reports.services import report_publish
from tests.factories import AdvisorFactory, AreaFactory, InquiryFactory, PersonFactory
from tests.helpers import queries_for

WORKSPACE = "/report/2024/"
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
# Session, the lists' token (the office, who manages a department, the user and its OTP device
# and the menu's count of web-form submissions waiting are kept), areas, texts, examples,
# access log…
WORKSPACE_QUERIES = 7
EXAMPLE_QUERIES = 7


def mark(inquiry, user, now, *, text="", status=None, approver=None) -> CaseExample:
    example = services.case_example_mark(inquiry=inquiry, user=user, now=now)
    if text:
        services.case_example_update(
            example=example,
            user=user,
            now=now,
            title="Et eksempel",
            text=text,
            period=YEAR,
            area=inquiry.area,
            handling_kind=example.handling_kind,
        )
    if status in ("awaiting_approval", "approved"):
        services.case_example_submit(example=example, user=user, now=now)
    if status == "approved":
        services.case_example_approve(example=example, user=approver or AdvisorFactory(), now=now)
    return example


@pytest.mark.parametrize(
    "url",
    [
        "/report/",
        WORKSPACE,
        "/report/2024/texts/introduction/",
        "/report/examples/1/",
    ],
)
def test_pages_are_for_advisors_only(url, plain_client, report_reader_client, administrator_client):
    for client in (plain_client, report_reader_client, administrator_client):
        assert client.get(url).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client):
    response = client.get(WORKSPACE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_current_year_redirects_to_the_offices_report_year(advisor_client):
    response = advisor_client.get("/report/")
    assert response.status_code == 302
    assert response["Location"].startswith("/report/20")


def test_workspace_lists_texts_and_examples_by_status(advisor, advisor_client, now):
    area = AreaFactory(name="Læring")
    inquiries = [InquiryFactory(area=area, department=None) for _ in range(3)]
    mark(inquiries[0], advisor, now)
    mark(inquiries[1], advisor, now, text="Ren tekst.", status="awaiting_approval")
    mark(inquiries[2], advisor, now, text="Godkendt tekst.", status="approved")
    response = advisor_client.get(WORKSPACE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kommentarer til Læring" in page
    assert inquiries[0].case_number in page and inquiries[1].case_number in page
    assert page.count("/report/examples/") >= 3
    # Showing the candidates' case numbers is a read of their inquiries.
    logged = set(
        AccessLogEntry.objects.filter(event=AccessEvent.REPORT_WORKSPACE_VIEWED).values_list(
            "inquiry_id", flat=True
        )
    )
    assert logged == {inquiries[0].pk, inquiries[1].pk}


def test_workspace_runs_a_fixed_number_of_queries(
    advisor, advisor_client, now, django_assert_num_queries
):
    mark(InquiryFactory(), advisor, now)
    few = queries_for(advisor_client, WORKSPACE)
    for _ in range(6):
        mark(InquiryFactory(), advisor, now, text="Ren tekst.", status="approved")
    assert queries_for(advisor_client, WORKSPACE) == few
    with django_assert_num_queries(WORKSPACE_QUERIES):
        advisor_client.get(WORKSPACE)


def test_saving_a_text_keeps_its_history(advisor_client, advisor):
    url = "/report/2024/texts/recommendations/"
    assert advisor_client.get(url).status_code == 200
    advisor_client.post(url, {"body": "- At svare hurtigt"})
    response = advisor_client.post(url, {"body": "- At svare hurtigt\n- At inddrage borgeren"})
    assert response.status_code == 302
    text = ReportText.objects.get(period_start__year=2024, section=Section.RECOMMENDATIONS)
    assert text.body == "- At svare hurtigt\n- At inddrage borgeren"
    assert text.updated_by == advisor
    assert text.versions.count() == 2
    page = advisor_client.get(url).content.decode()
    assert "Earlier versions" in page or "Tidligere versioner" in page


def test_an_area_comment_is_saved_under_its_area(advisor_client):
    area = AreaFactory(name="Beskæftigelse")
    advisor_client.post(f"/report/2024/texts/area-{area.pk}/", {"body": "Kommentar"})
    assert ReportText.objects.get(section=Section.AREA, area=area).body == "Kommentar"
    assert advisor_client.get("/report/2024/texts/area-999999/").status_code == 404
    assert advisor_client.get("/report/2024/texts/area/").status_code == 404


def test_text_is_not_html(advisor_client, advisor, now):
    services.report_text_save(
        user=advisor,
        period=YEAR,
        section=Section.INTRODUCTION,
        area=None,
        body="<script>alert(1)</script>",
        now=now,
    )
    page = advisor_client.get("/report/2024/texts/introduction/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_mark_from_the_inquiry_page_and_see_findings_highlighted(advisor_client):
    inquiry = InquiryFactory(person=PersonFactory(name="Jens Hansen"))
    detail = advisor_client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert reverse("report_content:example_mark", args=[inquiry.pk]) in detail
    response = advisor_client.post(f"/report/examples/mark/{inquiry.pk}/")
    example = CaseExample.objects.get()
    assert response["Location"] == f"/report/examples/{example.pk}/"
    advisor_client.post(
        f"/report/examples/{example.pk}/",
        {
            "title": "Ventetid",
            "text": "Jens Hansen ringede fra 12345678.",
            "year": 2024,
            "area": inquiry.area_id,
            "handling_kind": "advice",
        },
    )
    page = advisor_client.get(f"/report/examples/{example.pk}/").content.decode()
    assert '<mark class="finding finding-name">Jens Hansen</mark>' in page
    assert '<mark class="finding finding-phone">12345678</mark>' in page
    assert reverse("report_content:example_submit", args=[example.pk]) not in page
    response = advisor_client.post(f"/report/examples/{example.pk}/submit/", follow=True)
    assert CaseExample.objects.get().status == "candidate"
    assert "2 findings" in response.content.decode() or "2 fund" in response.content.decode()


def test_mark_an_inquiry_that_does_not_exist_is_404(advisor_client):
    assert advisor_client.post("/report/examples/mark/999999/").status_code == 404


def test_approval_by_another_advisor_through_the_pages(
    advisor, advisor_client, other_advisor_client, now
):
    example = mark(InquiryFactory(), advisor, now, text="Ren tekst.", status="awaiting_approval")
    url = f"/report/examples/{example.pk}/"
    assert reverse("report_content:example_approve", args=[example.pk]) not in (
        advisor_client.get(url).content.decode()
    )
    advisor_client.post(f"{url}approve/")
    assert CaseExample.objects.get().status == "awaiting_approval"
    assert reverse("report_content:example_approve", args=[example.pk]) in (
        other_advisor_client.get(url).content.decode()
    )
    other_advisor_client.post(f"{url}approve/")
    assert CaseExample.objects.get().status == "approved"


def test_example_page_runs_a_fixed_number_of_queries(advisor, advisor_client, now):
    example = mark(InquiryFactory(), advisor, now, text="Ring 2023 2024 eller 2022 2021.")
    url = f"/report/examples/{example.pk}/"
    few = queries_for(advisor_client, url)
    for value in ("2023 2024", "2022 2021"):
        services.case_example_dismiss(
            example=example, user=advisor, now=now, kind="phone", value=value, reason="årstal"
        )
    assert few == queries_for(advisor_client, url) == EXAMPLE_QUERIES


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_advisor_downloads_the_document_and_it_is_logged(advisor_client, fmt):
    response = advisor_client.get(f"/report/2024/document.{fmt}")
    if fmt != "html":
        # PDF and Word are made in the background (here at once: the immediate backend); the
        # job's page offers the file.
        assert response.status_code == 302
        page = advisor_client.get(response.url)
        assert page.context["job"].status == "done"
        assert not AccessLogEntry.objects.filter(action="export").exists()
        response = advisor_client.get(
            reverse("report_document:job_download", args=[page.context["job"].pk])
        )
    assert response.status_code == 200
    assert f'filename="beretning-2024.{fmt}"' in response["Content-Disposition"]
    log = AccessLogEntry.objects.get(action="export")
    assert (log.event, log.detail) == (AccessEvent.REPORT_DOCUMENT_DOWNLOADED, f"2024 ({fmt})")
    assert log.inquiry_id is None


def test_html_preview_is_inline_and_its_stylesheet_allowed_by_hash(advisor_client):
    response = advisor_client.get("/report/2024/document.html?preview=1")
    assert response["Content-Disposition"].startswith("inline")
    assert "'sha256-" in response["Content-Security-Policy"]


def test_report_reader_gets_only_a_published_report(report_reader_client, advisor, now):
    assert report_reader_client.get("/report/2024/document.html").status_code == 404
    report_publish(
        user=advisor,
        period=report_period_for_year(2024, office=Office.load()),
        now=now,
    )
    response = report_reader_client.get("/report/2024/document.html")
    assert response.status_code == 200
    assert (
        AccessLogEntry.objects.get(action="export").event == AccessEvent.PUBLISHED_REPORT_DOWNLOADED
    )


def test_a_user_without_a_role_cannot_download(plain_client):
    assert plain_client.get("/report/2024/document.pdf").status_code == 403


def test_unknown_format_is_404(advisor_client):
    assert advisor_client.get("/report/2024/document.odt").status_code == 404


def test_text_page_runs_a_fixed_number_of_queries(advisor, advisor_client, now):
    url = "/report/2024/texts/introduction/"
    none_yet = queries_for(advisor_client, url)
    for number in range(5):
        services.report_text_save(
            user=advisor,
            period=YEAR,
            section=Section.INTRODUCTION,
            area=None,
            body=f"Version {number}",
            now=now,
        )
    assert queries_for(advisor_client, url) == none_yet + 1  # the versions, once there is a text


def test_saving_the_same_text_again_adds_no_version(advisor, now):
    for _twice in range(2):
        text = services.report_text_save(
            user=advisor, period=YEAR, section=Section.CLOSING, area=None, body="Tak.", now=now
        )
    assert text.versions.count() == 1
