"""Every page that shows a person's data logs it, found by walking the URL configuration.

Nobody has to remember to list a new page: each named URL is opened as the user who may open
it, and a page whose response shows the test person's name, the inquiry's summary, the text sent
to the department or a web-form message must have written an access-log row (naming the inquiry
or the person, where it is about one). A URL whose arguments the test cannot fill fails, asking
for a value here, so that no page escapes by being new.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from borgerraadgiver.api.services import api_token_create
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.consent_models import Consent
from borgerraadgiver.forwarding.models import AnswerAttachment, Forwarding
from borgerraadgiver.inquiries.models import InquiryDocument, InquiryDocumentFile
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.letters.models import Letter, LetterChannel, LetterKind
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.recommendations.models import Recommendation
from borgerraadgiver.recommendations.services import recommendation_create
from tests.conftest import _client_for
from tests.factories import (
    AdvisorFactory,
    InquiryFactory,
    PersonFactory,
    UserFactory,
    submission_sent,
)
from tests.helpers import at

pytestmark = pytest.mark.django_db

# What the test person's data looks like on a page: any of these in a response is personal data.
MARKERS = ("Logvisning", "Opfølgningsmarkør", "Afdelingsmarkør", "Beskedmarkør")

# URLs that never show a person's data, with the reason; everything else is opened.
NOT_PERSONAL = {
    "accounts": "login, language and second factor: the user's own account",
    "operations:health": "the health check",
    "api:schema": "the API's description",
    "api:docs": "the API's description",
    "api:not_found": "no page",
    "api:token": "the user's own token",
    "api:statistics": "aggregates only",
    "reports": "statistics: aggregates only",
    "report_document": "the annual report: aggregates and approved, anonymised examples",
    "report_content": "report texts and anonymised case examples (logged on their own pages)",
    "activities": "the office's presentations and meetings: no citizen",
    "letters:template_list": "the office's letter templates: no citizen",
    "letters:template_new": "the office's letter templates: no citizen",
    "letters:template_edit": "the office's letter templates: no citizen",
    "imports": "an upload form; the rows checked are shown on the check's page to its owner only",
    "jobs:status": "a background job's phase and two counts, for its owner only",
    "intake:contact": "the citizen's empty form",
    "intake:accessibility": "the accessibility statement",
    "intake:receipt": "a signed receipt link; tested in tests/intake",
    "admin": "the administrator's pages: no personal data (tests/privacy)",
    "advisor:role_grant_decide": "a POST on a request for the advisor role: staff, no citizen",
    "advisor:contact_request_done": "a POST marking a request done (logged as its own event)",
    "feedback": "the citizen's survey from a one-time link: an empty form, the answers kept "
    "apart from the person (tests/feedback)",
}


@dataclass
class World:
    advisor: object
    manager: object
    inquiry: object
    forwarding: Forwarding
    attachment: AnswerAttachment
    submission: Submission
    consent: Consent
    document_file: InquiryDocumentFile
    recommendation: Recommendation
    letter: Letter


@pytest.fixture
def world(now) -> World:
    advisor = AdvisorFactory(username="advisor")
    inquiry = InquiryFactory(
        person=PersonFactory(name="Jens Logvisning", cpr="0101901234"),
        summary="Opfølgningsmarkør: borgeren venter på svar.",
    )
    manager = UserFactory(username="manager")
    manager.managed_departments.add(inquiry.department)
    forwarding = Forwarding.objects.create(
        inquiry=inquiry,
        area=inquiry.area,
        department=inquiry.department,
        kind=Forwarding.Kind.FORWARDED,
        text="Afdelingsmarkør: sagen sendt til afdelingen.",
        status=Forwarding.Status.ANSWERED,
        sent_date=datetime.date(2024, 3, 2),
        deadline_date=datetime.date(2024, 3, 25),
        answered_date=datetime.date(2024, 3, 20),
        answer_text="Svar",
    )
    attachment = AnswerAttachment(
        forwarding=forwarding,
        name="svar.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=at(datetime.date(2024, 3, 20)),
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    submission = submission_sent(
        now=now,
        uploads=[SimpleUploadedFile("brev.pdf", b"%PDF-1.4\n", "application/pdf")],
        what_happened="Beskedmarkør: jeg har ventet længe.",
        department=inquiry.department,
    )
    consent = Consent.objects.create(
        inquiry=inquiry,
        method="phone",
        given_by="Jens Logvisning",
        given_date=datetime.date(2024, 3, 1),
        recorded_by=advisor,
        recorded_at=now,
    )
    document = InquiryDocument.objects.create(
        inquiry=inquiry, title="Afgørelse", added_at=at(datetime.date(2024, 3, 21))
    )
    document_file = InquiryDocumentFile(
        document=document,
        name="afgørelse.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=document.added_at,
    )
    document_file.file.save("d", ContentFile(b"%PDF-1.4\n"), save=False)
    document_file.save()
    recommendation = recommendation_create(
        created_by=advisor,
        now=now,
        text="Svar borgerne inden for tre uger.",
        period=ReportPeriod(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        sent_date=datetime.date(2024, 3, 2),
        response_deadline_date=datetime.date(2024, 5, 1),
        departments=[inquiry.department],
        inquiries=[inquiry],
    )
    letter = Letter.objects.create(
        inquiry=inquiry,
        kind=LetterKind.RECEIPT,
        subject="Kvittering",
        body="Brevmarkør: Kære Jens Logvisning",
        channel=LetterChannel.PRINT,
        recipient_name="Jens Logvisning",
        pdf=b"%PDF-1.7\n",
        created_at=now,
    )
    return World(
        advisor,
        manager,
        inquiry,
        forwarding,
        attachment,
        submission,
        consent,
        document_file,
        recommendation,
        letter,
    )


def named_urls(
    patterns: list | None = None, namespace: str = "", prefix: str = ""
) -> Iterator[tuple[str, str]]:
    """(namespace:name, route) of every named URL, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from named_urls(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def skipped(name: str) -> bool:
    return name in NOT_PERSONAL or name.split(":")[0] in NOT_PERSONAL


def arguments(name: str, route: str, w: World) -> dict[str, object] | None:
    """The URL's arguments for the test's world; None when the test does not know them."""
    values: dict[str, object] = {}
    for argument in re.findall(r"<(?:\w+:)?(\w+)>", route):
        if argument == "fmt":
            values[argument] = "csv"
        elif argument == "attachment_pk" and name.startswith(("advisor:", "portal:")):
            values[argument] = w.attachment.pk
        elif argument == "attachment_pk" and name.startswith("intake:"):
            values[argument] = w.submission.attachments.get().pk
        elif argument == "consent_pk":
            values[argument] = w.consent.pk
        elif argument == "document_pk":
            values[argument] = w.document_file.document_id
        elif argument == "file_pk":
            values[argument] = w.document_file.pk
        elif argument == "inquiry_pk" and route.startswith("letters/"):
            values[argument] = w.inquiry.pk
        elif argument == "pk" and route.startswith("letters/") and "templates/" not in route:
            values[argument] = w.letter.pk
        elif argument == "pk" and re.search(r"(^|/)inquiries/<", route):
            values[argument] = w.inquiry.pk
        elif argument == "pk" and "recommendations/<" in route:
            values[argument] = w.recommendation.pk
        elif argument == "pk" and re.search(r"(^|/)(forwardings|portal)/<", route):
            values[argument] = w.forwarding.pk
        elif argument == "pk" and "persons/<" in route:
            values[argument] = w.inquiry.person_id
        elif argument == "pk" and "inbox/<" in route:
            values[argument] = w.submission.pk
        else:
            return None
    return values


def client_for(name: str, w: World) -> Client | APIClient:
    user = w.manager if name.startswith("portal:") else w.advisor
    if name.startswith("api:"):
        client = APIClient()
        token = api_token_create(user=user, now=timezone.now(), second_factor_verified=True)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client
    return _client_for(user)


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_page_that_shows_personal_data_logs_it(world):
    unknown, unlogged, shown = [], [], []
    for name, route in named_urls():
        if skipped(name):
            continue
        kwargs = arguments(name, route, world)
        if kwargs is None:
            unknown.append(name)
            continue
        client = client_for(name, world)
        before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code != 200 or not any(m in body(response) for m in MARKERS):
            continue
        shown.append(name)
        new = AccessLogEntry.objects.filter(pk__gt=before)
        about_case = any(m in body(response) for m in MARKERS[:3])
        if not new.exists() or (
            about_case
            and not new.filter(inquiry_id=world.inquiry.pk).exists()
            and not new.filter(person_id=world.inquiry.person_id).exists()
        ):
            unlogged.append(name)
    assert unknown == [], "give these URLs' arguments a value in arguments() or NOT_PERSONAL"
    assert unlogged == [], "these pages show personal data without an access-log row"
    # The walk reaches the pages it is meant to: without them it would prove nothing.
    assert {
        "advisor:inquiry_detail",
        "advisor:inquiry_edit",
        "advisor:forwarding_new",
        "advisor:forwarding_detail",
        "portal:forwarding_detail",
        "intake:submission_detail",
        "api:inquiry_detail",
    } <= set(shown)


def test_the_send_form_shown_again_after_an_error_is_logged(world):
    client = _client_for(world.advisor)
    before = AccessLogEntry.objects.count()
    response = client.post(
        reverse("advisor:forwarding_new", args=[world.inquiry.pk]),
        {"text": world.inquiry.summary},  # sent without a department: refused
    )
    assert response.status_code == 400
    assert "Opfølgningsmarkør" in response.content.decode()
    new = AccessLogEntry.objects.order_by("pk")[before:]
    assert [(e.event, e.inquiry_id, e.person_id) for e in new] == [
        ("forwarding_form_viewed", world.inquiry.pk, world.inquiry.person_id)
    ]
