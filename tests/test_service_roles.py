"""Every service refuses a user without the right role (issue 17), checked in one place.

A service is a module-level function that takes `now` and a user who acts. Each is called here
by a logged-in user who has no role in the office, with arguments that would otherwise do real
work, and must raise PermissionDenied and write nothing. A new service fails
`test_every_service_has_a_row` until it has a row below (or a reason in EXEMPT).
"""

import datetime
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

import borgerraadgiver
from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.activities.models import Activity
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.feedback.models import ContactRequest
from borgerraadgiver.forwarding.models import Consent, Forwarding
from borgerraadgiver.forwarding.overview import OwedFilters
from borgerraadgiver.imports.services import ImportResult
from borgerraadgiver.imports.tasks import import_check_task, import_write_task
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.selectors import InquiryFilters
from borgerraadgiver.inquiries.services.case_file import inquiry_document_add
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.jobs.models import Job
from borgerraadgiver.letters.models import Letter
from borgerraadgiver.organisation.models import ActivityKind, HandlingType
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.privacy.person_page import person_page
from borgerraadgiver.recommendations.services import recommendation_create
from borgerraadgiver.report_content.models import CaseExample, Section
from tests.factories import (
    AdministratorFactory,
    HandlingTypeFactory,
    PersonFactory,
    ReasonFactory,
    UserFactory,
    submission_sent,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 3, 6)
YEAR = ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
# Functions that take a user and `now` but are not a user's action, and why.
EXEMPT = {
    "audit.services.access_log_write": "writes the log for the services; no role of its own",
    "audit.services.access_log_write_many": "the same, several rows at once",
    "inquiries.services.change_record.changes_record": "a step inside inquiry_update",
    "inquiries.services.people.person_changes_record": "a step inside the person's services",
    "forwarding.writes.log": "writes the log for the forwarding services",
    "forwarding.permissions.can_withdraw_answer": "a predicate (returns False for a role-less "
    "user, tested in tests/portal/test_identity_and_withdrawal.py); takes `now` for the window",
    "accounts.services.user_second_factor_reset": "an administrator's action in the admin, "
    "tested with its own roles in tests/accounts/test_two_factor.py",
    "privacy.role_grants.advisor_role_grant_by_operator": "the server operator's command "
    "(no acting user); refused when an active advisor exists, tested in "
    "tests/privacy/test_role_grants.py",
}


@dataclass(frozen=True)
class Row:
    service: str  # "app.module.function", as discovered
    actor: str  # the keyword the acting user is passed as
    arguments: Callable[[SimpleNamespace], dict[str, object]]


def _registration(w: SimpleNamespace) -> RegistrationInput:
    return RegistrationInput(
        received_date=DAY,
        channel="phone",
        complainant_kind="citizen",
        placements=(Placement(area=w.inquiry.area, department=w.inquiry.department),),
        reasons=(ReasonFactory(),),
        handling_type=HandlingTypeFactory(),
        person_data=PersonData(name="Mette Prøvesen"),
    )


ROWS = [
    Row(
        "recommendations.services.recommendation_create",
        "created_by",
        lambda w: {
            "text": "Svar hurtigere",
            "period": YEAR,
            "sent_date": DAY,
            "response_deadline_date": DAY,
            "departments": [w.inquiry.department],
            "inquiries": [w.inquiry],
        },
    ),
    Row(
        "recommendations.services.recommendation_respond",
        "responded_by",
        lambda w: {"recommendation": w.recommendation, "status": "declined", "text": "Nej"},
    ),
    Row(
        "recommendations.services.recommendation_follow_up",
        "recorded_by",
        lambda w: {"recommendation": w.recommendation, "text": "Talt med lederen"},
    ),
    Row(
        "recommendations.services.recommendation_close",
        "closed_by",
        lambda w: {
            "recommendation": w.recommendation,
            "status": "carried_out",
            "closed_date": DAY,
            "reason": "Gjort",
        },
    ),
    Row(
        "recommendations.selectors.recommendation_evidence",
        "user",
        lambda w: {"recommendation": w.recommendation},
    ),
    Row(
        "activities.services.activity_create",
        "created_by",
        lambda w: {"activity_date": DAY, "kind": w.kind},
    ),
    Row(
        "activities.services.activity_update",
        "changed_by",
        lambda w: {"activity": w.activity, "activity_date": DAY, "kind": w.kind},
    ),
    Row("activities.services.activity_delete", "deleted_by", lambda w: {"activity": w.activity}),
    Row("api.services.api_token_create", "user", lambda w: {"second_factor_verified": True}),
    Row(
        "forwarding.consents.consent_record",
        "recorded_by",
        lambda w: {
            "inquiry": w.inquiry,
            "given_by": "Borgeren",
            "given_date": DAY,
            "method": "phone",
        },
    ),
    Row(
        "forwarding.consents.consent_withdraw",
        "withdrawn_by",
        lambda w: {"consent": w.consent, "withdrawn_date": DAY},
    ),
    Row(
        "forwarding.consents.consent_refusal_record",
        "recorded_by",
        lambda w: {
            "inquiry": w.inquiry,
            "given_by": "Borgeren",
            "refused_date": DAY,
            "method": "phone",
        },
    ),
    Row(
        "forwarding.services.forwarding_draft",
        "created_by",
        lambda w: {
            "inquiry": w.inquiry,
            "kind": "forwarded",
            "department": w.inquiry.department,
            "text": "Svar",
        },
    ),
    Row("forwarding.services.forwarding_send", "sent_by", lambda w: {"forwarding": w.draft}),
    Row(
        "forwarding.answers.forwarding_answer",
        "answered_by",
        lambda w: {"forwarding": w.sent, "answer_text": "Svar"},
    ),
    Row(
        "forwarding.answers.forwarding_answer_withdraw",
        "withdrawn_by",
        lambda w: {"forwarding": w.sent, "reason": "Fejl"},
    ),
    Row(
        "forwarding.answers.answer_attachment_open",
        "user",
        lambda w: {"forwarding": w.sent, "pk": 1},
    ),
    Row(
        "forwarding.answers.forwarding_extend",
        "requested_by",
        lambda w: {
            "forwarding": w.sent,
            "new_deadline_date": datetime.date(2024, 4, 30),
            "reason": "Travlt",
            "citizen_informed": True,
        },
    ),
    Row(
        "forwarding.services.forwarding_follow_up",
        "asked_by",
        lambda w: {"forwarding": w.sent, "text": "Hvorfor?"},
    ),
    Row(
        "forwarding.services.forwarding_close",
        "closed_by",
        lambda w: {"forwarding": w.sent, "outcome": "answered"},
    ),
    Row("forwarding.services.forwarding_mark_read", "read_by", lambda w: {"forwarding": w.sent}),
    Row(
        "forwarding.services.forwarding_kind_change",
        "changed_by",
        lambda w: {"forwarding": w.sent, "kind": "dialogue"},
    ),
    Row(
        "imports.background.import_check_start",
        "user",
        lambda w: {
            "kind": "reasons",
            "file": SimpleUploadedFile("x.csv", b"name\nA\n"),
            "replace": False,
            "language": "da",
        },
    ),
    Row(
        "imports.background.import_confirm",
        "user",
        lambda w: {"check": w.job, "language": "da"},
    ),
    Row(
        "jobs.services.job_start",
        "owner",
        lambda w: {
            "kind": "import_check",
            "parameters": {},
            "task": import_check_task,
            "language": "da",
        },
    ),
    Row(
        "jobs.services.job_continue",
        "owner",
        lambda w: {
            "previous": w.job,
            "kind": "import",
            "parameters": {},
            "task": import_write_task,
            "language": "da",
        },
    ),
    Row(
        "imports.services.import_run",
        "user",
        lambda w: {"kind": "reasons", "file": None, "file_name": "x.csv", "dry_run": True},
    ),
    Row(
        "inquiries.exports.inquiry_export",
        "user",
        lambda w: {"filters": InquiryFilters(), "fmt": "csv"},
    ),
    Row(
        "forwarding.overview_export.owed_export",
        "user",
        lambda w: {"filters": OwedFilters(), "fmt": "csv", "today": DAY},
    ),
    Row("inquiries.look_up.person_look_up", "user", lambda w: {"name": "Mette", "asked": True}),
    Row(
        "inquiries.services.counted_actions.inquiry_action_add",
        "added_by",
        lambda w: {"inquiry": w.inquiry, "action": w.action, "action_date": DAY},
    ),
    Row(
        "inquiries.services.case_file.inquiry_document_add",
        "added_by",
        lambda w: {
            "inquiry": w.inquiry,
            "title": "Afgørelse",
            "attachments": [SimpleUploadedFile("afgørelse.pdf", b"%PDF-1.4")],
        },
    ),
    Row(
        "inquiries.services.case_file.inquiry_document_file_open",
        "user",
        lambda w: {"inquiry": w.inquiry, "pk": w.document.files.get().pk},
    ),
    Row(
        "inquiries.services.case_file.inquiry_document_remove",
        "removed_by",
        lambda w: {"inquiry": w.inquiry, "pk": w.document.pk},
    ),
    Row(
        "inquiries.services.case_file.inquiry_note_add",
        "written_by",
        lambda w: {"inquiry": w.inquiry, "text": "Ringer igen"},
    ),
    Row(
        "inquiries.services.case_file.inquiry_follow_up_set",
        "changed_by",
        lambda w: {"inquiry": w.inquiry, "follow_up_date": datetime.date(2030, 1, 2)},
    ),
    Row(
        "inquiries.services.editing.inquiry_update",
        "changed_by",
        lambda w: {
            "inquiry": w.inquiry,
            "received_date": DAY,
            "channel": "phone",
            "complainant_kind": "citizen",
            "placement": Placement(area=w.inquiry.area, department=w.inquiry.department),
            "reasons": [],
            "handling_type": w.inquiry.handling_type,
            "summary": "",
            "status": "open",
            "closed_date": None,
        },
    ),
    Row(
        "inquiries.services.editing.inquiry_forwarded",
        "changed_by",
        lambda w: {"inquiry": w.inquiry, "kind": "forwarded"},
    ),
    Row(
        "inquiries.services.editing.inquiry_close",
        "closed_by",
        lambda w: {"inquiry": w.inquiry, "closed_date": DAY},
    ),
    Row(
        "inquiries.services.editing.inquiry_reopen", "reopened_by", lambda w: {"inquiry": w.closed}
    ),
    Row(
        "inquiries.services.registration.inquiry_register",
        "registered_by",
        lambda w: {
            "received_date": DAY,
            "channel": "phone",
            "complainant_kind": "anonymous",
            "placements": [Placement(area=w.inquiry.area, department=w.inquiry.department)],
            "reasons": [ReasonFactory()],
            "handling_type": HandlingTypeFactory(),
        },
    ),
    Row(
        "inquiries.services.registration.contact_register",
        "registered_by",
        lambda w: {"inquiry": w.inquiry, "contact_date": DAY, "kind": "phone"},
    ),
    Row(
        "inquiries.services.registration.person_update_contact_details",
        "changed_by",
        lambda w: {"person": w.inquiry.person, "details": PersonData(name="x", phone="11223344")},
    ),
    Row(
        "inquiries.services.people.person_correct",
        "changed_by",
        lambda w: {"person": w.inquiry.person, "name": "Ny Navnesen", "cpr": "0202801234"},
    ),
    Row(
        "inquiries.services.people.person_merge",
        "merged_by",
        lambda w: {"kept": w.inquiry.person, "merged": PersonFactory()},
    ),
    Row(
        "privacy.person_page.person_shown_log",
        "user",
        lambda w: {
            "event": AccessEvent.PERSON_VIEWED,
            "shown": [person_page(user=w.advisor, pk=w.inquiry.person_id)],
        },
    ),
    Row(
        "inquiries.services.registration.registration_submit",
        "registered_by",
        lambda w: {"data": _registration(w)},
    ),
    Row(
        "intake.registration.submission_register",
        "registered_by",
        lambda w: {"submission": w.submission, "data": _registration(w)},
    ),
    Row(
        "intake.services.submission_inbox_view", "user", lambda w: {"status": "new", "number": None}
    ),
    Row("intake.services.submission_view", "user", lambda w: {"pk": w.submission.pk}),
    Row(
        "intake.services.submission_reject",
        "rejected_by",
        lambda w: {"submission": w.submission, "reason": "Spam"},
    ),
    Row(
        "intake.services.submissions_reject",
        "rejected_by",
        lambda w: {"pks": [w.submission.pk], "reason": "Spam"},
    ),
    Row(
        "intake.services.submission_attachment_open",
        "user",
        lambda w: {"submission_pk": w.submission.pk, "attachment_pk": 1},
    ),
    Row(
        "privacy.role_grants.advisor_role_request",
        "requested_by",
        lambda w: {"user": UserFactory(username="ny-kollega")},
    ),
    Row(
        "privacy.role_grants.advisor_role_decide",
        "decided_by",
        lambda w: {
            "grant": RoleGrant.objects.create(
                user=UserFactory(username="ny-kollega"),
                role=RoleGrant.Role.ADVISOR,
                requested_by=AdministratorFactory(),
                requested_at=datetime.datetime(2024, 3, 6, 9, tzinfo=datetime.UTC),
            ),
            "approve": True,
        },
    ),
    Row("privacy.role_grants.advisor_role_remove", "removed_by", lambda w: {"user": w.advisor}),
    Row("privacy.services.person_cpr_reveal", "shown_to", lambda w: {"person": w.inquiry.person}),
    Row(
        "privacy.services.person_export",
        "exported_by",
        lambda w: {"person": w.inquiry.person, "file_format": "json"},
    ),
    Row(
        "report_content.services.report_text_save",
        "user",
        lambda w: {"period": YEAR, "section": Section.INTRODUCTION, "area": None, "body": "Tekst"},
    ),
    Row("report_content.services.case_example_mark", "user", lambda w: {"inquiry": w.inquiry}),
    Row(
        "letters.services.letter_template_save",
        "user",
        lambda w: {
            "template": None,
            "kind": "free",
            "name": "Brev",
            "subject": "Emne",
            "body": "Kære {citizen_name}",
            "is_active": True,
        },
    ),
    Row(
        "letters.services.letter_create",
        "user",
        lambda w: {
            "inquiry": w.inquiry,
            "kind": "receipt",
            "template": None,
            "forwarding": None,
            "extension": None,
            "subject": "Kvittering",
            "body": "Kære {citizen_name}",
            "channel": "print",
        },
    ),
    Row("letters.services.letter_retry", "user", lambda w: {"letter": w.letter}),
    Row("letters.services.letter_pdf_open", "user", lambda w: {"letter": w.letter}),
    Row(
        "report_content.services.case_example_update",
        "user",
        lambda w: {
            "example": w.example,
            "title": "T",
            "text": "Tekst",
            "period": YEAR,
            "area": None,
            "handling_kind": "advice",
        },
    ),
    Row(
        "report_content.services.case_example_dismiss",
        "user",
        lambda w: {"example": w.example, "kind": "name", "value": "x", "reason": "y"},
    ),
    Row("report_content.services.case_example_submit", "user", lambda w: {"example": w.example}),
    Row("report_content.services.case_example_approve", "user", lambda w: {"example": w.example}),
    Row("report_content.services.case_example_return", "user", lambda w: {"example": w.example}),
    Row("report_content.services.case_example_delete", "user", lambda w: {"example": w.example}),
    Row("feedback.services.invite", "by", lambda w: {"inquiry": w.inquiry, "email": True}),
    Row(
        "feedback.services.contact_request_done",
        "by",
        lambda w: {"request": ContactRequest.objects.create(inquiry=w.inquiry, requested_date=DAY)},
    ),
    Row(
        "reports.background.report_document_start",
        "user",
        lambda w: {"year": 2024, "fmt": "pdf", "draft": False, "language": "da"},
    ),
    Row(
        "reports.background.statistics_document_start",
        "user",
        lambda w: {"query": "year=2024", "fmt": "pdf", "language": "da"},
    ),
    Row("reports.services.report_publish", "user", lambda w: {"period": YEAR}),
    Row("reports.services.report_publish_correction", "user", lambda w: {"period": YEAR}),
    Row("reports.services.report_withdraw", "user", lambda w: {"report": None}),
]


def _discovered() -> dict[str, Callable[..., object]]:
    """Every function in borgerraadgiver/ that takes `now` and a user (the acting user)."""
    found = {}
    skip = (".migrations", ".management", "views", ".urls", ".admin", "config.", "wsgi")
    for info in pkgutil.walk_packages(borgerraadgiver.__path__, "borgerraadgiver."):
        if any(part in info.name for part in skip):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if not inspect.isfunction(function) or function.__module__ != info.name:
                continue
            if name.startswith("_") or "now" not in inspect.signature(function).parameters:
                continue
            hints = typing.get_type_hints(function)
            if any(hint is User or User in typing.get_args(hint) for hint in hints.values()):
                found[f"{info.name.removeprefix('borgerraadgiver.')}.{name}"] = function
    return found


SERVICES = _discovered()


def test_every_service_has_a_row():
    covered = {row.service for row in ROWS} | set(EXEMPT)
    assert sorted(set(SERVICES) - covered) == []
    assert sorted(covered - set(SERVICES)) == []


@pytest.fixture
def world(make_sent, advisor, now, follow_up_action):
    sent = make_sent(DAY)
    inquiry = sent.inquiry
    inquiry.person.cpr = "0101901234"
    inquiry.person.save()
    closed = Inquiry.objects.create(
        case_number="BR-LUKKET",
        received_date=DAY,
        channel="phone",
        complainant_kind="anonymous",
        area=inquiry.area,
        department=inquiry.department,
        handling_type=HandlingType.objects.first(),
        status="closed",
        closed_date=DAY,
    )
    draft = Forwarding.objects.create(
        inquiry=inquiry, area=inquiry.area, department=inquiry.department, kind="dialogue", text="x"
    )
    return SimpleNamespace(
        advisor=advisor,
        inquiry=inquiry,
        letter=Letter.objects.create(
            inquiry=inquiry,
            kind="receipt",
            subject="Kvittering",
            body="Kære borger",
            channel="print",
            recipient_name="Borger",
            pdf=b"%PDF-1.7",
            status=Letter.Status.FAILED,
            created_at=now,
        ),
        closed=closed,
        sent=sent,
        draft=draft,
        consent=Consent.objects.get(inquiry=inquiry),
        document=inquiry_document_add(
            inquiry=inquiry,
            added_by=advisor,
            now=now,
            title="Brev fra kommunen",
            attachments=[SimpleUploadedFile("brev.pdf", b"%PDF-1.4")],
        ),
        action=follow_up_action,
        kind=ActivityKind.objects.create(name="Oplæg"),
        activity=Activity.objects.create(
            activity_date=DAY, kind=ActivityKind.objects.create(name="Sparring"), created_by=advisor
        ),
        submission=submission_sent(
            now=now,
            client_address="10.0.0.1",
            what_happened="Jeg har ventet fire måneder på svar.",
        ),
        recommendation=recommendation_create(
            created_by=advisor,
            now=now,
            text="Svar hurtigere",
            period=YEAR,
            sent_date=DAY,
            response_deadline_date=DAY,
            departments=[inquiry.department],
            inquiries=[inquiry],
        ),
        job=Job.objects.create(
            owner=AdministratorFactory(),
            kind=Job.Kind.IMPORT_CHECK,
            status=Job.Status.DONE,
            language="da",
            parameters={"token": "0" * 32},
            result=ImportResult(kind="reasons", file_name="x.csv", dry_run=True).as_json(),
            created_at=now,
            finished_at=now,
        ),
        example=CaseExample.objects.create(
            inquiry=inquiry,
            title="Eksempel",
            text="Tekst",
            period_start=YEAR.start,
            period_end=YEAR.end,
            handling_kind="advice",
            written_by=advisor,
        ),
    )


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.service)
def test_a_user_without_a_role_is_refused(row, world, now):
    nobody = UserFactory(username="uden-rolle")
    logged = AccessLogEntry.objects.count()
    with pytest.raises(PermissionDenied):
        SERVICES[row.service](**{row.actor: nobody, "now": now, **row.arguments(world)})
    assert AccessLogEntry.objects.count() == logged
