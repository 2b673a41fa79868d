"""Every read, search, export and write of personal data leaves an access-log row naming the
user, the action and the inquiry or person concerned (issue 5, "Done when")."""

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from borgerraadgiver.api.services import api_token_create
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.models import AnswerAttachment, Forwarding
from borgerraadgiver.inquiries.models import InquiryDocument, InquiryDocumentFile
from tests.conftest import _client_for
from tests.factories import AdvisorFactory, InquiryFactory, PersonFactory, UserFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db


@dataclass
class World:
    advisor: Any
    manager: Any
    inquiry: Any
    forwarding: Forwarding
    attachment: AnswerAttachment
    document_file: InquiryDocumentFile
    twin: Any


@pytest.fixture
def world() -> World:
    advisor = AdvisorFactory(username="advisor")
    inquiry = InquiryFactory(person=PersonFactory(name="Jens Logtest", cpr="0101901234"))
    manager = UserFactory(username="manager")
    manager.managed_departments.add(inquiry.department)
    forwarding = Forwarding.objects.create(
        inquiry=inquiry,
        area=inquiry.area,
        department=inquiry.department,
        kind=Forwarding.Kind.FORWARDED,
        text="Tekst",
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
    return World(
        advisor,
        manager,
        inquiry,
        forwarding,
        attachment,
        document_file,
        PersonFactory(name="Jens L."),
    )


def _api(user) -> APIClient:
    key = api_token_create(user=user, now=timezone.now(), second_factor_verified=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# (name, who, method, url, data, expected action, expects inquiry id, expects person id)
def paths(w: World) -> dict[str, tuple]:
    i, f, p = w.inquiry, w.forwarding, w.inquiry.person_id
    return {
        "inquiry detail": (
            "advisor",
            "get",
            reverse("advisor:inquiry_detail", args=[i.pk]),
            None,
            "view",
            True,
            True,
        ),
        "edit form": (
            "advisor",
            "get",
            reverse("advisor:inquiry_edit", args=[i.pk]),
            None,
            "view",
            True,
            True,
        ),
        "list page": (
            "advisor",
            "get",
            reverse("advisor:inquiry_list"),
            {"status": "open"},
            "view",
            True,
            True,
        ),
        "list search": (
            "advisor",
            "get",
            reverse("advisor:inquiry_list"),
            {"q": "Logtest"},
            "search",
            True,
            True,
        ),
        "person look-up": (
            "advisor",
            "post",
            reverse("advisor:inquiry_register"),
            {"person_name": "Logtest", "find_person": "1"},
            "search",
            False,
            True,
        ),
        "list export": (
            "advisor",
            "get",
            reverse("advisor:inquiry_export", args=["csv"]),
            None,
            "export",
            True,
            True,
        ),
        "forwarding overview": (
            "advisor",
            "get",
            reverse("advisor:forwarding_overview"),
            {"state": "unread"},
            "view",
            True,
            True,
        ),
        "forwarding overview export": (
            "advisor",
            "get",
            reverse("advisor:forwarding_overview_export", args=["xlsx"]),
            None,
            "export",
            True,
            True,
        ),
        "forwarding page": (
            "advisor",
            "get",
            reverse("advisor:forwarding_detail", args=[f.pk]),
            None,
            "view",
            True,
            True,
        ),
        "attachment (advisor)": (
            "advisor",
            "get",
            reverse("advisor:attachment_download", args=[f.pk, w.attachment.pk]),
            None,
            "view",
            True,
            False,
        ),
        "portal page": (
            "manager",
            "get",
            reverse("portal:forwarding_detail", args=[f.pk]),
            None,
            "view",
            True,
            False,
        ),
        "attachment (portal)": (
            "manager",
            "get",
            reverse("portal:attachment_download", args=[f.pk, w.attachment.pk]),
            None,
            "view",
            True,
            False,
        ),
        "print view": (
            "advisor",
            "get",
            reverse("advisor:inquiry_print", args=[i.pk]),
            None,
            "view",
            True,
            True,
        ),
        "document download": (
            "advisor",
            "get",
            reverse("advisor:document_download", args=[i.pk, w.document_file.pk]),
            None,
            "view",
            True,
            True,
        ),
        "note added": (
            "advisor",
            "post",
            reverse("advisor:note_add", args=[i.pk]),
            {"note-text": "Ringer igen fredag"},
            "change",
            True,
            True,
        ),
        "person's access log": (
            "advisor",
            "get",
            reverse("privacy:person_access_log", args=[p]),
            None,
            "view",
            False,
            True,
        ),
        "person page": (
            "advisor",
            "get",
            reverse("advisor:person_detail", args=[p]),
            None,
            "view",
            True,
            True,
        ),
        "person correction form": (
            "advisor",
            "get",
            reverse("advisor:person_edit", args=[p]),
            None,
            "view",
            False,
            True,
        ),
        "person corrected": (
            "advisor",
            "post",
            reverse("advisor:person_edit", args=[p]),
            {"name": "Jens Logtest", "phone": "11223344"},
            "change",
            False,
            True,
        ),
        "person merge comparison": (
            "advisor",
            "get",
            reverse("advisor:person_merge", args=[p]),
            {"other": w.twin.pk},
            "view",
            True,
            True,
        ),
        "person merged": (
            "advisor",
            "post",
            reverse("advisor:person_merge", args=[p]),
            {"other": w.twin.pk, "keep": "this"},
            "change",
            False,
            True,
        ),
        "cpr search": (
            "advisor",
            "get",
            reverse("advisor:inquiry_list"),
            {"q": "010190-1234"},
            "search",
            True,
            True,
        ),
        "export json": (
            "advisor",
            "get",
            reverse("privacy:person_export_json", args=[p]),
            None,
            "export",
            True,
            True,
        ),
        "export pdf": (
            "advisor",
            "get",
            reverse("privacy:person_export_pdf", args=[p]),
            None,
            "export",
            True,
            True,
        ),
        "show cpr": (
            "advisor",
            "post",
            reverse("privacy:cpr_show", args=[p]),
            {"inquiry": i.pk},
            "view",
            True,
            True,
        ),
        "api inquiry": (
            "api",
            "get",
            reverse("api:inquiry_detail", args=[i.pk]),
            None,
            "view",
            True,
            True,
        ),
        "api search": (
            "api",
            "get",
            reverse("api:inquiry_list"),
            {"search": "Logtest"},
            "search",
            True,
            True,
        ),
        "contact added": (
            "advisor",
            "post",
            reverse("advisor:contact_add", args=[i.pk]),
            {"contact_date": "2024-03-05", "kind": "phone", "note": "x"},
            "change",
            True,
            True,
        ),
    }


NAMES = [
    "inquiry detail",
    "edit form",
    "list page",
    "list search",
    "person look-up",
    "list export",
    "forwarding page",
    "attachment (advisor)",
    "portal page",
    "attachment (portal)",
    "print view",
    "document download",
    "note added",
    "person's access log",
    "person page",
    "person correction form",
    "person corrected",
    "person merge comparison",
    "person merged",
    "cpr search",
    "export json",
    "export pdf",
    "show cpr",
    "api inquiry",
    "api search",
    "contact added",
]


@pytest.mark.parametrize("name", NAMES)
def test_every_use_of_personal_data_is_logged(world, name):
    who, method, url, data, action, with_inquiry, with_person = paths(world)[name]
    user = world.manager if who == "manager" else world.advisor
    client = _api(user) if who == "api" else _client_for(user)
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))

    response = getattr(client, method)(url, data or {})
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)

    assert response.status_code in (200, 302), response.status_code
    new = AccessLogEntry.objects.exclude(pk__in=before).filter(user=user, action=action)
    assert new.exists(), f"{name}: no '{action}' row"
    if with_inquiry:
        assert new.filter(inquiry_id=world.inquiry.pk).exists(), f"{name}: inquiry not named"
    if with_person:
        assert new.filter(person_id=world.inquiry.person_id).exists(), f"{name}: person not named"
    assert all(entry.at <= timezone.now() for entry in new)


def test_search_rows_keep_the_terms(advisor_client):
    InquiryFactory(person=PersonFactory(name="Terms Testesen"))
    advisor_client.get(reverse("advisor:inquiry_list"), {"q": "Testesen"})
    assert AccessLogEntry.objects.get(action="search").detail == "Testesen"


def test_the_api_never_shows_the_cpr_number(world):
    response = _api(world.advisor).get(reverse("api:inquiry_detail", args=[world.inquiry.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "Jens Logtest" in body
    assert "0101901234" not in body and "010190-1234" not in body
