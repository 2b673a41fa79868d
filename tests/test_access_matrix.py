# ruff: noqa: E501 (the matrix is a table: one row per URL reads best on one line)
"""Who reaches which URL: every URL of the project × every role, with the answer expected.

HOW TO ADD A ROW. Every named URL in the project must appear in MATRIX below, or
`test_every_url_has_a_row` fails and names the missing ones. A row is

    Row("namespace:name", "get" | "post", lambda w: reverse(...), "anon plain manager reader advisor admin", data={...})

The expectation string gives the status code for each role, in this order:

    anonymous   not logged in
    plain       logged in, no role at all
    manager     manager of department A (the forwardings `w.sent`, `w.answered` go to A, `w.to_b` to B)
    reader      report reader (aggregates only: never a person, a summary or a case number)
    advisor     advisor (the citizens' advisor), past the second factor
    admin       administrator, not an advisor, past the second factor

e.g. "302 403 403 403 200 403": anonymous is sent to log in, only the advisor gets the page.
An anonymous visitor to a page behind login must get 302 to the login page (checked). A page
someone may not see answers 404 when it would reveal that a case exists, else 403. A POST that
succeeds answers 302 (post/redirect/get). Several rows may share a URL name (e.g. a forwarding to
A and one to B); `w` is the world built by the `world` fixture below — add objects there when a
new row needs one. An unnamed pattern (a catch-all) is listed as `namespace:<unnamed route>`;
its row gives a literal URL instead of `r(...)`. Rows that change data are run with the allowed roles last, so the refused
attempts see the same objects.

Each row is also checked for an advisor who gave the right password but not yet the TOTP code:
every page behind login sends them to the second-factor step (302), unless `unverified=` says
otherwise (the two-factor steps themselves, logout).

THE ADMIN. Django's admin has hundreds of URLs, all behind one permission layer
(`AdministratorOnlyAdmin`). The rule: the matrix covers the admin's index and one changelist
per app that registers models; `test_every_url_has_a_row` checks exactly that, and skips the
admin's other URLs.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from borgerraadgiver.accounts.models import RoleGrant
from borgerraadgiver.activities.models import Activity
from borgerraadgiver.feedback.models import ContactRequest, SurveyInvitation
from borgerraadgiver.feedback.tokens import token_hash, token_new
from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.inquiries.services.case_file import inquiry_document_add
from borgerraadgiver.intake.services import SubmissionData, submission_create
from borgerraadgiver.jobs.files import job_file_write
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate
from borgerraadgiver.organisation.models import ActivityKind
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.services import recommendation_create
from borgerraadgiver.report_content.models import CaseExample
from borgerraadgiver.reports.models import PublishedFile, PublishedReport
from tests.factories import AdministratorFactory, AdvisorFactory, PersonFactory, UserFactory
from tests.helpers import at
from tests.login import verified_client

ROLES = ("anonymous", "plain", "manager", "reader", "advisor", "admin")
LOGIN = ("/accounts/login/", "/admin/login/")
SECOND_FACTOR = ("/accounts/login/code/", "/accounts/two-factor/set-up/")


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Callable[[SimpleNamespace], str]
    expect: str
    data: dict[str, Any] = field(default_factory=dict)
    # Status for an advisor who has not given the TOTP code yet; None: 302 to the code step
    # wherever anonymous is sent to log in, else the same as anonymous.
    unverified: int | None = None

    def expected(self) -> dict[str, int]:
        codes = [int(code) for code in self.expect.split()]
        assert len(codes) == len(ROLES), f"{self.name}: give {len(ROLES)} codes"
        return dict(zip(ROLES, codes, strict=True))


def r(name: str, *args: Callable[[SimpleNamespace], Any]) -> Callable[[SimpleNamespace], str]:
    """The URL `name` with arguments taken from the world: r("x:y", lambda w: w.sent.pk)."""
    return lambda w: reverse(name, args=[arg(w) for arg in args])


def inquiry(w):
    return w.sent.inquiry_id


def sent(w):
    return w.sent.pk


def answered(w):
    return w.answered.pk


def to_b(w):
    return w.to_b.pk


def attachment(w):
    return w.attachment.pk


def example(w):
    return w.example.pk


def letter(w):
    return w.letter.pk


def letter_template(w):
    return w.letter.template_id


def role_grant(w):
    return w.role_grant.pk


def submission(w):
    return w.submission.pk


def submission_file(w):
    return w.submission.attachments.get().pk


def person(w):
    return w.sent.inquiry.person_id


MATRIX: list[Row] = [
    # accounts: login, the second factor, language
    Row("accounts:login", "get", r("accounts:login"), "200 302 302 302 302 302", unverified=302),
    Row("accounts:otp_verify", "get", r("accounts:otp_verify"), "302 302 302 302 302 302", unverified=200),
    Row("accounts:logout", "post", r("accounts:logout"), "302 302 302 302 302 302", unverified=302),
    Row("accounts:set_language", "post", r("accounts:set_language"), "302 302 302 302 302 302", data={"language": "en", "next": "/"}, unverified=302),
    Row("accounts:two_factor", "get", r("accounts:two_factor"), "302 200 200 200 200 200"),
    Row("accounts:two_factor_enrol", "get", r("accounts:two_factor_enrol"), "302 200 200 200 302 302", unverified=302),
    Row("accounts:backup_codes_create", "post", r("accounts:backup_codes_create"), "302 403 403 403 200 200"),
    Row("accounts:backup_codes_create", "get", r("accounts:backup_codes_create"), "302 405 405 405 405 405"),
    # advisor: the register
    Row("advisor:home", "get", r("advisor:home"), "302 403 302 302 200 302"),
    Row("advisor:inquiry_list", "get", r("advisor:inquiry_list"), "302 403 403 403 200 403"),
    Row("advisor:inquiry_register", "get", r("advisor:inquiry_register"), "302 403 403 403 200 403"),
    Row("advisor:inquiry_detail", "get", r("advisor:inquiry_detail", inquiry), "302 404 404 404 200 404"),
    Row("advisor:inquiry_edit", "get", r("advisor:inquiry_edit", inquiry), "302 404 404 404 200 404"),
    Row("advisor:contact_add", "post", r("advisor:contact_add", inquiry), "302 404 404 404 400 404", data={"contact-contact_date": "2024-03-07", "contact-channel": "phone"}),
    Row("advisor:action_add", "post", r("advisor:action_add", inquiry), "302 404 404 404 400 404", data={}),
    Row("advisor:inquiry_close", "post", r("advisor:inquiry_close", inquiry), "302 404 404 404 400 404", data={}),
    Row("advisor:inquiry_reopen", "post", r("advisor:inquiry_reopen", inquiry), "302 404 404 404 302 404"),
    Row("advisor:inquiry_export", "get", lambda w: reverse("advisor:inquiry_export", args=["csv"]) + "?year=2024", "302 403 403 403 200 403"),
    # advisor: documents, internal notes, the follow-up date and the print view
    Row("advisor:inquiry_print", "get", r("advisor:inquiry_print", inquiry), "302 404 404 404 200 404"),
    Row("advisor:document_add", "post", r("advisor:document_add", inquiry), "302 404 404 404 400 404", data={"document-title": "Afgørelse"}),
    Row("advisor:document_download", "get", r("advisor:document_download", inquiry, lambda w: w.document.files.get().pk), "302 404 404 404 200 404"),
    Row("advisor:document_remove", "post", r("advisor:document_remove", inquiry, lambda w: w.document.pk), "302 404 404 404 302 404"),
    Row("advisor:note_add", "post", r("advisor:note_add", inquiry), "302 404 404 404 302 404", data={"note-text": "Ringer igen fredag"}),
    Row("advisor:follow_up_set", "post", r("advisor:follow_up_set", inquiry), "302 404 404 404 302 404", data={"follow_up-follow_up_date": ""}),
    Row("advisor:inquiry_export", "get", lambda w: reverse("advisor:inquiry_export", args=["xlsx"]), "302 403 403 403 200 403"),
    # letters: the office's templates and the letters on an inquiry (advisors; a letter's URL
    # answers 404 to anyone else, as its inquiry's page does)
    Row("letters:template_list", "get", r("letters:template_list"), "302 403 403 403 200 403"),
    Row("letters:template_new", "get", r("letters:template_new"), "302 403 403 403 200 403"),
    Row("letters:template_new", "post", r("letters:template_new"), "302 403 403 403 302 403", data={"kind": "free", "name": "Matrixbrev", "subject": "Emne", "body": "Kære {citizen_name}", "is_active": "on"}),
    Row("letters:template_edit", "get", r("letters:template_edit", letter_template), "302 403 403 403 200 403"),
    Row("letters:letter_new", "get", r("letters:letter_new", inquiry), "302 404 404 404 200 404"),
    Row("letters:letter_new", "post", r("letters:letter_new", inquiry), "302 404 404 404 400 404", data={"kind": "receipt"}),
    Row("letters:letter_pdf", "get", r("letters:letter_pdf", letter), "302 404 404 404 200 404"),
    Row("letters:letter_retry", "post", r("letters:letter_retry", letter), "302 404 404 404 302 404"),
    # activities: the advisor's presentations, sparring and meetings
    Row("activities:activity_list", "get", r("activities:activity_list"), "302 403 403 403 200 403"),
    Row("activities:activity_new", "get", r("activities:activity_new"), "302 403 403 403 200 403"),
    Row("activities:activity_new", "post", r("activities:activity_new"), "302 403 403 403 200 403", data={"activity_date": "2024-03-06"}),
    Row("activities:activity_edit", "get", r("activities:activity_edit", lambda w: w.activity.pk), "302 403 403 403 200 403"),
    Row("activities:activity_delete", "get", r("activities:activity_delete", lambda w: w.activity.pk), "302 403 403 403 200 403"),
    Row("activities:activity_delete", "post", r("activities:activity_delete", lambda w: w.activity.pk), "302 403 403 403 302 403"),
    # imports: the administrator's spreadsheet imports (check, then confirm)
    Row("imports:import_start", "get", r("imports:import_start"), "302 403 403 403 403 200"),
    Row("imports:import_start", "post", r("imports:import_start"), "302 403 403 403 403 200", data={"kind": "reasons"}),
    Row("imports:import_confirm", "post", r("imports:import_confirm"), "302 403 403 403 403 302", data={"job": "not-a-job"}),
    Row("imports:job", "get", r("imports:job", lambda w: w.job.pk), "302 403 403 403 403 200"),
    # jobs: a job's progress, for its owner only (the others do not learn that it exists)
    Row("jobs:status", "get", r("jobs:status", lambda w: w.job.pk), "302 404 404 404 404 200"),
    Row("advisor:forwarding_overview", "get", r("advisor:forwarding_overview"), "302 403 403 403 200 403"),
    Row("advisor:forwarding_overview", "get", lambda w: reverse("advisor:forwarding_overview") + "?state=no_answer&deadline=overdue&sort=-sent", "302 403 403 403 200 403"),
    Row("advisor:forwarding_overview_export", "get", lambda w: reverse("advisor:forwarding_overview_export", args=["csv"]) + "?state=unread", "302 403 403 403 200 403"),
    Row("advisor:forwarding_overview_export", "get", lambda w: reverse("advisor:forwarding_overview_export", args=["xlsx"]), "302 403 403 403 200 403"),
    Row("advisor:forwarding_overview_export", "get", lambda w: reverse("advisor:forwarding_overview_export", args=["pdf"]), "302 404 404 404 404 404"),
    # advisor: consent and forwarding
    Row("advisor:consent_add", "post", r("advisor:consent_add", inquiry), "302 404 404 404 302 404", data={"consent-given_by": "Borgeren", "consent-given_date": "2024-03-06", "consent-method": "phone"}),
    Row("advisor:consent_withdraw", "post", lambda w: reverse("advisor:consent_withdraw", args=[w.sent.inquiry_id, w.sent.inquiry.consents.get().pk]), "302 404 404 404 302 404", data={"withdraw-withdrawn_date": "2024-03-07"}),
    Row("advisor:consent_refusal_add", "post", r("advisor:consent_refusal_add", inquiry), "302 404 404 404 302 404", data={"refusal-given_by": "Borgeren", "refusal-refused_date": "2024-03-06", "refusal-method": "phone"}),
    Row("advisor:forwarding_new", "get", r("advisor:forwarding_new", inquiry), "302 404 404 404 200 404"),
    Row("advisor:forwarding_detail", "get", r("advisor:forwarding_detail", sent), "302 404 404 404 200 404"),
    Row("advisor:forwarding_send", "post", r("advisor:forwarding_send", sent), "302 404 404 404 302 404"),
    Row("advisor:forwarding_follow_up", "post", r("advisor:forwarding_follow_up", answered), "302 404 404 404 302 404", data={"follow_up-text": "Hvorfor?"}),
    Row("advisor:forwarding_close", "post", r("advisor:forwarding_close", answered), "302 404 404 404 302 404", data={"close-outcome": "apology"}),
    Row("advisor:forwarding_kind", "post", r("advisor:forwarding_kind", sent), "302 404 404 404 302 404", data={"kind-kind": "dialogue"}),
    Row("advisor:attachment_download", "get", r("advisor:attachment_download", answered, attachment), "302 404 404 404 200 404"),
    # portal: the department manager's pages (own department's forwardings only)
    Row("portal:forwarding_list", "get", r("portal:forwarding_list"), "302 404 200 404 404 404"),
    Row("portal:forwarding_detail", "get", r("portal:forwarding_detail", sent), "302 404 200 404 404 404"),
    Row("portal:forwarding_detail", "get", r("portal:forwarding_detail", to_b), "302 404 404 404 404 404"),
    Row("portal:forwarding_answer", "post", r("portal:forwarding_answer", sent), "302 404 302 404 404 404", data={"answer_text": "Svar", "confirmed": "on"}),
    Row("portal:forwarding_answer", "post", r("portal:forwarding_answer", to_b), "302 404 404 404 404 404", data={"answer_text": "Svar", "confirmed": "on"}),
    # withdrawing an answer: the manager of A is refused (400) as `w.answered` was answered in 2024, more than a day ago
    Row("portal:forwarding_answer_withdraw", "post", r("portal:forwarding_answer_withdraw", answered), "302 404 400 404 404 404", data={"withdraw-reason": "Forkert borger", "withdraw-confirmed": "on"}),
    Row("portal:forwarding_answer_withdraw", "post", r("portal:forwarding_answer_withdraw", to_b), "302 404 404 404 404 404", data={"withdraw-reason": "Forkert borger", "withdraw-confirmed": "on"}),
    Row("portal:forwarding_extend", "post", r("portal:forwarding_extend", sent), "302 404 302 404 404 404", data={"extension-new_deadline_date": "2024-04-10", "extension-reason": "Afventer", "extension-citizen_informed": "on"}),
    Row("portal:attachment_download", "get", r("portal:attachment_download", answered, attachment), "302 404 200 404 404 404"),
    # recommendations: the advisor's register; the manager answers in the portal (own department's only)
    Row("recommendations:recommendation_list", "get", r("recommendations:recommendation_list"), "302 403 403 403 200 403"),
    Row("recommendations:recommendation_new", "get", lambda w: reverse("recommendations:recommendation_new") + f"?inquiry={w.sent.inquiry_id}", "302 403 403 403 200 403"),
    Row("recommendations:recommendation_new", "post", r("recommendations:recommendation_new"), "302 403 403 403 400 403", data={"text": "Svar hurtigere"}),
    Row("recommendations:recommendation_detail", "get", r("recommendations:recommendation_detail", lambda w: w.rec_a.pk), "302 403 403 403 200 403"),
    Row("recommendations:recommendation_follow_up", "post", r("recommendations:recommendation_follow_up", lambda w: w.rec_a.pk), "302 403 403 403 302 403", data={"follow_up-text": "Talt med lederen"}),
    Row("recommendations:recommendation_close", "post", r("recommendations:recommendation_close", lambda w: w.rec_a.pk), "302 403 403 403 302 403", data={"close-status": "not_carried_out", "close-closed_date": "2024-03-07", "close-reason": "Ikke prioriteret"}),
    Row("portal:recommendation_list", "get", r("portal:recommendation_list"), "302 404 200 404 404 404"),
    Row("portal:recommendation_detail", "get", r("portal:recommendation_detail", lambda w: w.rec_a.pk), "302 404 200 404 404 404"),
    Row("portal:recommendation_detail", "get", r("portal:recommendation_detail", lambda w: w.rec_b.pk), "302 404 404 404 404 404"),
    Row("portal:recommendation_respond", "post", r("portal:recommendation_respond", lambda w: w.rec_a.pk), "302 404 302 404 404 404", data={"status": "declined", "text": "Det gør vi allerede"}),
    Row("portal:recommendation_respond", "post", r("portal:recommendation_respond", lambda w: w.rec_b.pk), "302 404 404 404 404 404", data={"status": "declined", "text": "Det gør vi allerede"}),
    # api: the REST API takes a token, never the session: every role's browser gets 401 (the
    # same endpoints with each role's token: tests/api/test_access.py). The schema and its page
    # take the session too, past the second factor; the token page is for the API's users.
    Row("api:inquiry_list", "get", r("api:inquiry_list"), "401 401 401 401 401 401"),
    Row("api:recommendation_list", "get", r("api:recommendation_list"), "401 401 401 401 401 401"),
    Row("api:recommendation_detail", "get", r("api:recommendation_detail", lambda w: w.rec_a.pk), "401 401 401 401 401 401"),
    Row("api:inquiry_list", "post", r("api:inquiry_list"), "401 401 401 401 401 401"),
    Row("api:inquiry_detail", "get", r("api:inquiry_detail", inquiry), "401 401 401 401 401 401"),
    Row("api:forwarding_list", "get", r("api:forwarding_list"), "401 401 401 401 401 401"),
    Row("api:forwarding_detail", "get", r("api:forwarding_detail", sent), "401 401 401 401 401 401"),
    Row("api:forwarding_answer", "post", r("api:forwarding_answer", sent), "401 401 401 401 401 401", data={"answer_text": "Svar"}),
    Row("api:statistics", "get", lambda w: reverse("api:statistics") + "?year=2024", "401 401 401 401 401 401"),
    Row("api:schema", "get", r("api:schema"), "401 200 200 200 200 200"),
    Row("api:docs", "get", r("api:docs"), "302 200 200 200 200 200"),
    Row("api:token", "get", r("api:token"), "302 403 200 200 200 403"),
    Row("api:token", "post", r("api:token"), "302 403 200 200 200 403", data={"create": ""}),
    Row("api:not_found", "get", lambda w: "/api/no-such-address/", "401 401 401 401 401 401", unverified=401),
    # report_content: the annual report's texts, case examples and document (advisors; a report
    # reader downloads only a published report: none here, so 404)
    Row("report_content:workspace_current", "get", r("report_content:workspace_current"), "302 403 403 403 302 403"),
    Row("report_content:workspace", "get", lambda w: reverse("report_content:workspace", args=[2024]), "302 403 403 403 200 403"),
    Row("report_content:text_edit", "get", lambda w: reverse("report_content:text_edit", args=[2024, "introduction"]), "302 403 403 403 200 403"),
    Row("report_content:text_edit", "post", lambda w: reverse("report_content:text_edit", args=[2024, "introduction"]), "302 403 403 403 302 403", data={"body": "Indledning"}),
    Row("report_document:document", "get", lambda w: reverse("report_document:document", args=[2024, "html"]), "302 403 403 404 200 403"),
    Row("report_document:edition", "get", lambda w: reverse("report_document:edition", args=[w.edition.pk, "html"]), "302 403 403 200 200 403"),
    # a report document made in the background: readers may have their own (statistics), not this
    Row("report_document:job", "get", r("report_document:job", lambda w: w.report_job.pk), "302 403 403 404 200 403"),
    Row("report_document:job_download", "get", r("report_document:job_download", lambda w: w.report_job.pk), "302 403 403 404 200 403"),
    Row("report_document:editions", "get", lambda w: reverse("report_document:editions", args=[2024]), "302 403 403 403 200 403"),
    Row("report_document:editions", "post", lambda w: reverse("report_document:editions", args=[2024]), "302 403 403 403 400 403", data={"note": "Rettelse"}),
    Row("report_content:example_mark", "post", r("report_content:example_mark", inquiry), "302 403 403 403 302 403"),
    Row("report_content:example_edit", "get", r("report_content:example_edit", example), "302 403 403 403 200 403"),
    Row("report_content:example_edit", "post", r("report_content:example_edit", example), "302 403 403 403 302 403", data={"title": "Eksempel", "text": "En ny tekst.", "year": "2024", "handling_kind": "advice"}),
    Row("report_content:example_dismiss", "post", r("report_content:example_dismiss", example), "302 403 403 403 400 403", data={"kind": "phone", "value": "12345678", "reason": ""}),
    Row("report_content:example_submit", "post", r("report_content:example_submit", example), "302 403 403 403 302 403"),
    Row("report_content:example_approve", "post", r("report_content:example_approve", example), "302 403 403 403 302 403"),
    Row("report_content:example_return", "post", r("report_content:example_return", example), "302 403 403 403 302 403"),
    Row("report_content:example_move", "post", r("report_content:example_move", example), "302 403 403 403 302 403", data={"direction": "up"}),
    Row("report_content:example_delete", "post", r("report_content:example_delete", example), "302 403 403 403 302 403"),
    # reports: the statistics page, its charts and downloads (advisors and report readers);
    # publishing and withdrawing a frozen report (advisors)
    Row("reports:statistics", "get", r("reports:statistics"), "302 403 403 200 200 403"),
    Row("reports:chart", "get", lambda w: reverse("reports:chart", args=[1]), "302 403 403 200 200 403"),
    Row("reports:download", "get", lambda w: reverse("reports:download", args=["csv"]), "302 403 403 200 200 403"),
    Row("reports:publish", "get", r("reports:publish"), "302 403 403 403 200 403"),
    Row("reports:publish", "post", r("reports:publish"), "302 403 403 403 302 403", data={"start": "2024-01-01", "end": "2024-12-31"}),
    Row("reports:withdraw", "get", r("reports:withdraw", lambda w: w.published.pk), "302 403 403 403 200 403"),
    Row("reports:withdraw", "post", r("reports:withdraw", lambda w: w.published.pk), "302 403 403 403 302 403", data={"note": "Rettelse"}),
    # intake: the citizens' web form is public; the inbox of its submissions is the advisor's
    Row("intake:contact", "get", r("intake:contact"), "200 200 200 200 200 200", unverified=200),
    Row("intake:contact", "post", r("intake:contact"), "400 400 400 400 400 400", data={}, unverified=400),
    Row("intake:receipt", "get", lambda w: reverse("intake:receipt", args=[w.receipt_token]), "200 200 200 200 200 200", unverified=200),
    # feedback: the citizen's survey from a one-time link is public; the advisor asks for it
    Row("feedback:survey", "get", lambda w: reverse("feedback:survey", args=[w.survey_token]), "200 200 200 200 200 200", unverified=200),
    Row("feedback:survey", "post", lambda w: reverse("feedback:survey", args=[w.survey_token]), "400 400 400 400 400 400", data={}, unverified=400),
    Row("feedback:survey", "get", lambda w: reverse("feedback:survey", args=["x" * 43]), "404 404 404 404 404 404", unverified=404),
    Row("feedback:survey_done", "get", r("feedback:survey_done"), "200 200 200 200 200 200", unverified=200),
    Row("advisor:feedback_invite", "post", r("advisor:feedback_invite", inquiry), "302 404 404 404 302 404", data={"how": "link"}),
    Row("advisor:contact_request_done", "post", r("advisor:contact_request_done", lambda w: w.contact_request.pk), "302 404 404 404 302 404"),
    Row("intake:accessibility", "get", r("intake:accessibility"), "200 200 200 200 200 200", unverified=200),
    Row("intake:inbox", "get", r("intake:inbox"), "302 403 403 403 200 403"),
    # Without a tick the advisor is told to tick one (400); everyone else is refused first.
    Row("intake:submissions_reject", "post", r("intake:submissions_reject"), "302 403 403 403 400 403", data={"reason": "Spam"}),
    Row("intake:submission_detail", "get", r("intake:submission_detail", submission), "302 403 403 403 200 403"),
    Row("intake:submission_reject", "post", r("intake:submission_reject", submission), "302 403 403 403 302 403", data={"reason": "Spam"}),
    Row("intake:attachment_download", "get", r("intake:attachment_download", submission, submission_file), "302 403 403 403 200 403"),
    # privacy: a person's data (advisors), the access-log search (administrators)
    Row("privacy:access_log_search", "get", r("privacy:access_log_search"), "302 403 403 403 403 200"),
    Row("privacy:person_access_log", "get", r("privacy:person_access_log", person), "302 404 404 404 200 404"),
    Row("privacy:cpr_show", "post", r("privacy:cpr_show", person), "302 404 404 404 200 404"),
    Row("privacy:person_export_json", "get", r("privacy:person_export_json", person), "302 404 404 404 200 404"),
    Row("privacy:person_export_pdf", "get", r("privacy:person_export_pdf", person), "302 404 404 404 200 404"),
    # advisor: the person's page, correcting the details, merging two records (advisors only)
    Row("advisor:person_detail", "get", r("advisor:person_detail", person), "302 404 404 404 200 404"),
    Row("advisor:person_edit", "get", r("advisor:person_edit", person), "302 404 404 404 200 404"),
    Row("advisor:person_edit", "post", r("advisor:person_edit", person), "302 404 404 404 400 404", data={"name": ""}),
    Row("advisor:person_merge", "get", r("advisor:person_merge", person), "302 404 404 404 200 404"),
    Row("advisor:person_merge", "get", lambda w: reverse("advisor:person_merge", args=[person(w)]) + f"?other={w.twin.pk}", "302 404 404 404 200 404"),
    Row("advisor:person_merge", "post", r("advisor:person_merge", person), "302 404 404 404 400 404", data={"keep": "other"}),
    # advisor: the second person's approval of the advisor role (any other active advisor)
    Row("advisor:role_grant_list", "get", r("advisor:role_grant_list"), "302 403 403 403 200 403"),
    Row("advisor:role_grant_decide", "post", r("advisor:role_grant_decide", role_grant), "302 403 403 403 302 403", data={"decision": "refuse"}),
    Row("advisor:role_grant_decide", "post", r("advisor:role_grant_decide", role_grant), "302 403 403 403 302 403", data={"decision": "nothing"}),
    # operations: the health check for monitoring (public, tells nothing about the register)
    Row("operations:health", "get", r("operations:health"), "200 200 200 200 200 200", unverified=200),
    # the admin: index and one changelist per app (see the module's docstring)
    Row("admin:index", "get", r("admin:index"), "302 302 302 302 302 200"),
    Row("admin:accounts_user_changelist", "get", r("admin:accounts_user_changelist"), "302 302 302 302 302 200"),
    Row("admin:organisation_area_changelist", "get", r("admin:organisation_area_changelist"), "302 302 302 302 302 200"),
    Row("admin:accounts_loginlockout_changelist", "get", r("admin:accounts_loginlockout_changelist"), "302 302 302 302 302 200"),
    Row("admin:privacy_deletionlogentry_changelist", "get", r("admin:privacy_deletionlogentry_changelist"), "302 302 302 302 302 200"),
]  # fmt: skip


def _recommendation(*, department, inquiries):
    return recommendation_create(
        created_by=AdvisorFactory(),
        now=at(datetime.date(2024, 3, 6)),
        text="At svare borgerne inden for tre uger.",
        period=ReportPeriod(datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        sent_date=datetime.date(2024, 3, 6),
        response_deadline_date=datetime.date(2024, 5, 1),
        departments=[department],
        inquiries=inquiries,
    )


@pytest.fixture
def world(make_sent, follow_up_action, db) -> SimpleNamespace:
    """Department A with a sent and an answered forwarding (with an attachment), and B with one."""
    sent = make_sent(datetime.date(2024, 3, 6))
    manager = sent.department.managers.get()
    answered = make_sent(datetime.date(2024, 3, 6), department=sent.department)
    forwarding_answer(
        forwarding=answered,
        answered_by=manager,
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
        attachments=[SimpleUploadedFile("svar.pdf", b"%PDF-1.4")],
    )
    to_b = make_sent(datetime.date(2024, 3, 6))
    # A document on the inquiry, with a file, to download and to remove.
    document = inquiry_document_add(
        inquiry=sent.inquiry,
        added_by=AdvisorFactory(),
        now=at(datetime.date(2024, 3, 7)),
        title="Brev fra kommunen",
        attachments=[SimpleUploadedFile("brev.pdf", b"%PDF-1.4")],
    )
    # A letter on the inquiry whose sending failed: to download, and to send again.
    letter = Letter.objects.create(
        inquiry=sent.inquiry,
        kind=LetterKind.RECEIPT,
        template=LetterTemplate.objects.filter(kind=LetterKind.RECEIPT).first(),
        subject="Kvittering",
        body="Kære borger",
        channel=LetterChannel.PRINT,
        recipient_name="Borger",
        pdf=b"%PDF-1.7",
        status=Letter.Status.FAILED,
        created_at=at(datetime.date(2024, 3, 7)),
    )
    admin = AdministratorFactory()
    advisor = AdvisorFactory()
    # The advisor's report as PDF, made in the background and ready to download.
    report_job = Job.objects.create(
        owner=advisor,
        kind=Job.Kind.REPORT_DOCUMENT,
        status=Job.Status.DONE,
        language="da",
        parameters={"year": 2024, "fmt": "pdf", "draft": False},
        result={"filename": "beretning-2024.pdf", "size": 8},
        created_at=at(datetime.date(2024, 3, 6)),
        finished_at=at(datetime.date(2024, 3, 6)),
    )
    job_file_write(report_job, b"%PDF-1.7")
    return SimpleNamespace(
        report_job=report_job,
        # The administrator's finished check of an import file (a background job of their own).
        job=Job.objects.create(
            owner=admin,
            kind=Job.Kind.IMPORT_CHECK,
            status=Job.Status.DONE,
            language="da",
            result=ImportResult(kind="reasons", file_name="x.csv", dry_run=True).as_json(),
            created_at=at(datetime.date(2024, 3, 6)),
            finished_at=at(datetime.date(2024, 3, 6)),
        ),
        document=document,
        letter=letter,
        sent=sent,
        answered=answered,
        to_b=to_b,
        attachment=answered.attachments.get(),
        # A case example awaiting approval, written by another advisor than the matrix's.
        example=CaseExample.objects.create(
            inquiry=sent.inquiry,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            title="Eksempel",
            text="Tekst",
            status="awaiting_approval",
            created_by=AdvisorFactory(),
        ),
        # A web-form message about department A, with a file, waiting in the inbox.
        submission=submission_create(
            data=SubmissionData(
                complainant_kind="citizen",
                name="Borger",
                phone="12345678",
                department=sent.department,
                what_happened="Ingen svar",
                consents_to_contact=True,
            ),
            uploads=[SimpleUploadedFile("brev.pdf", b"%PDF-1.4")],
            client_address="192.0.2.1",
            now=at(datetime.date(2024, 3, 6)),
            language="da",
        ),
        # A frozen report for 2023, to be withdrawn.
        published=PublishedReport.objects.create(
            period_start=datetime.date(2023, 1, 1),
            period_end=datetime.date(2023, 12, 31),
            data={},
            published_at=at(datetime.date(2024, 2, 1)),
        ),
        # A published edition of 2022 with its file, to download as it was published.
        edition=PublishedFile.objects.create(
            report=PublishedReport.objects.create(
                period_start=datetime.date(2022, 1, 1),
                period_end=datetime.date(2022, 12, 31),
                data={},
                published_at=at(datetime.date(2023, 2, 1)),
            ),
            format="html",
            content=b"<!DOCTYPE html><title>2022</title>",
            sha256="0" * 64,
        ).report,
        # An activity (a presentation) to edit and delete.
        activity=Activity.objects.create(
            activity_date=datetime.date(2024, 3, 6),
            kind=ActivityKind.objects.create(name="Oplæg"),
            audience="Ledergruppen",
            created_by=AdvisorFactory(),
        ),
        survey_token=_survey_token(sent.inquiry),
        contact_request=ContactRequest.objects.create(
            inquiry=sent.inquiry, requested_date=datetime.date(2024, 6, 1)
        ),
        receipt_token=signing.dumps({"r": "W-2024-0001", "e": False}, salt="intake.receipt"),
        # A second record of the person of `sent`, to merge (the row keeps it, so runs again).
        twin=PersonFactory(name="Anden post"),
        # A request by an administrator to make a new user an advisor, awaiting approval.
        role_grant=RoleGrant.objects.create(
            user=UserFactory(),
            role=RoleGrant.Role.ADVISOR,
            requested_by=AdministratorFactory(),
            requested_at=at(datetime.date(2024, 3, 6)),
        ),
        # A recommendation to department A resting on the sent inquiry, and one to B.
        rec_a=_recommendation(department=sent.department, inquiries=[sent.inquiry]),
        rec_b=_recommendation(department=to_b.department, inquiries=[]),
        department_a=sent.department,
        department_b=to_b.department,
        users={
            "plain": UserFactory(),
            "manager": manager,
            "reader": UserFactory(is_report_reader=True),
            "advisor": advisor,
            "admin": admin,
        },
    )


def _survey_token(inquiry) -> str:
    """A survey link's token for the inquiry (written straight: `invite` wants it closed)."""
    token = token_new()
    SurveyInvitation.objects.create(
        inquiry=inquiry,
        token_hash=token_hash(token),
        created_at=at(datetime.date(2024, 6, 1)),
        expires_at=at(datetime.date(2099, 1, 1)),
    )
    return token


def _request(client: Client, row: Row, w: SimpleNamespace):
    return getattr(client, row.method)(row.url(w), row.data)


def _row_id(row: Row) -> str:
    return f"{row.name}[{MATRIX.index(row)}]"


@pytest.mark.parametrize("row", MATRIX, ids=_row_id)
def test_access_matrix(world, row: Row):
    expected = row.expected()
    # The refused first, so that an allowed change does not alter what the others are shown.
    order = sorted(ROLES, key=lambda role: expected[role] < 400)
    wrong = []
    for role in order:
        client = Client() if role == "anonymous" else verified_client(world.users[role])
        response = _request(client, row, world)
        if response.status_code != expected[role]:
            wrong.append(f"{role}: {response.status_code} (expected {expected[role]})")
        elif role == "anonymous" and expected[role] == 302 and row.unverified is None:
            location = response["Location"]
            if not location.startswith(LOGIN):
                wrong.append(f"anonymous sent to {location}, not to log in")
    assert not wrong, f"{row.name} {row.method.upper()}: " + "; ".join(wrong)


@pytest.mark.parametrize("row", MATRIX, ids=_row_id)
def test_an_advisor_without_the_second_factor_gets_no_further_than_the_code(world, row: Row):
    advisor = world.users["advisor"]
    client = Client()
    client.force_login(advisor)  # the password only
    verified_client(advisor)  # gives the advisor an authenticator app
    response = _request(client, row, world)
    expected = row.unverified if row.unverified is not None else row.expected()["anonymous"]
    assert response.status_code == expected, f"{row.name} {row.method.upper()}"
    if row.unverified is None and expected == 302:
        assert response["Location"].startswith(SECOND_FACTOR), response["Location"]


def _url_names(patterns, namespace: str = "") -> list[str]:
    """Every URL's name, namespaced, walking included URL confs; unnamed ones by their route."""
    names = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            names += _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}{pattern.name or f'<unnamed {pattern.pattern}>'}")
    return names


def test_every_url_has_a_row():
    """A new URL fails here until its row is added to MATRIX (see the docstring at the top)."""
    covered = {row.name for row in MATRIX}
    names = set(_url_names(get_resolver().url_patterns))
    changelists = {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist": model._meta.app_label
        for model in admin.site._registry
    }
    admin_apps = set(changelists.values())
    missing = sorted(
        name for name in names if not name.startswith("admin:") and name not in covered
    )
    assert not missing, "URLs without a row in tests/test_access_matrix.py MATRIX: " + ", ".join(
        missing
    )
    assert "admin:index" in covered
    apps_covered = {changelists[name] for name in covered & set(changelists)}
    assert apps_covered == admin_apps, (
        f"admin apps without a changelist row: {sorted(admin_apps - apps_covered)}"
    )
    stale = sorted(name for name in covered - names)
    assert not stale, f"rows for URLs that no longer exist: {stale}"
