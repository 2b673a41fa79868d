"""The department portal: a manager sees the forwardings to their own department, nothing else.

The full access matrix for every role is in tests/forwarding/test_access_matrix.py.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.answers import answer_attachment_open
from borgerraadgiver.forwarding.models import AnswerAttachment, Forwarding
from tests.factories import PASSWORD, AdministratorFactory, AdvisorFactory, UserFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_sent):
    forwarding = make_sent(datetime.date(2024, 3, 6))
    other = make_sent(datetime.date(2024, 3, 6))
    return {
        "forwarding": forwarding,
        "manager": forwarding.department.managers.get(),
        "other_manager": other.department.managers.get(),
    }


def client_for(role: str, world) -> Client:
    client = Client()
    users = {
        "advisor": lambda: AdvisorFactory(),
        "manager": lambda: world["manager"],
        "other_manager": lambda: world["other_manager"],
        "administrator": lambda: AdministratorFactory(),
    }
    if role != "anonymous":
        user = users[role]()
        user.set_password(PASSWORD)
        user.save()
        assert client.login(username=user.username, password=PASSWORD)
    return client


def test_another_departments_manager_never_sees_the_case_in_the_list(world):
    content = client_for("other_manager", world).get(reverse("portal:forwarding_list"))
    assert world["forwarding"].inquiry.case_number not in content.content.decode()


def test_the_manager_sees_the_text_sent_but_not_the_inquiry(world):
    forwarding = world["forwarding"]
    forwarding.inquiry.summary = "Hemmeligt resumé fra borgerrådgiveren"
    forwarding.inquiry.save()
    content = (
        client_for("manager", world)
        .get(reverse("portal:forwarding_detail", args=[forwarding.pk]))
        .content.decode()
    )
    assert "Borgeren venter på svar." in content
    assert "Hemmeligt resumé" not in content
    assert forwarding.inquiry.person.name not in content


def test_the_manager_answers_in_the_portal(world):
    forwarding = world["forwarding"]
    client_for("manager", world).post(
        reverse("portal:forwarding_answer", args=[forwarding.pk]),
        {"answer_text": "Vi beklager.", "confirmed": "on"},
    )
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.answer_text) == ("answered", "Vi beklager.")


def test_a_manager_starts_in_the_portal(world):
    response = client_for("manager", world).get(reverse("advisor:home"))
    assert response["Location"] == reverse("portal:forwarding_list")


def test_a_draft_is_invisible_in_the_portal(world, advisor):
    from borgerraadgiver.forwarding.services import forwarding_draft

    draft = forwarding_draft(
        inquiry=world["forwarding"].inquiry,
        created_by=advisor,
        now=at(datetime.date(2024, 3, 7)),
        kind=Forwarding.Kind.DIALOGUE,
        department=world["forwarding"].department,
        text="Kladde",
    )
    response = client_for("manager", world).get(
        reverse("portal:forwarding_detail", args=[draft.pk])
    )
    assert response.status_code == 404


@pytest.mark.parametrize("user_factory", [UserFactory])
def test_a_user_without_departments_has_no_portal(user_factory):
    client = Client()
    client.force_login(user_factory())
    assert client.get(reverse("portal:forwarding_list")).status_code == 404


def _answer_with(client, forwarding, name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("portal:forwarding_answer", args=[forwarding.pk]),
        {
            "answer_text": "Se vedhæftede afgørelse.",
            "confirmed": "on",
            "attachments": [SimpleUploadedFile(name, content)],
        },
    )


def test_an_answer_carries_attachments_the_advisor_can_download(world, advisor_client):
    forwarding = world["forwarding"]
    _answer_with(client_for("manager", world), forwarding, "afgørelse.pdf", b"%PDF-1.4 demo")
    forwarding.refresh_from_db()
    (attachment,) = forwarding.attachments.all()
    assert (attachment.name, attachment.content_type) == ("afgørelse.pdf", "application/pdf")
    url = reverse("advisor:attachment_download", args=[forwarding.pk, attachment.pk])
    response = advisor_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    other = client_for("other_manager", world).get(
        reverse("portal:attachment_download", args=[forwarding.pk, attachment.pk])
    )
    assert other.status_code == 404
    assert Client().get(url).status_code == 302


def test_a_file_of_the_wrong_type_is_refused_and_nothing_is_saved(world):
    forwarding = world["forwarding"]
    response = _answer_with(client_for("manager", world), forwarding, "virus.exe", b"MZ")
    assert response.status_code == 400
    assert "attachments" in response.context["answer_form"].errors
    assert "Se vedhæftede afgørelse." in response.content.decode()
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.attachments.count()) == ("sent", 0)


def _answer_with_files(client, forwarding, files: list[tuple[str, bytes]]):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        reverse("portal:forwarding_answer", args=[forwarding.pk]),
        {
            "answer_text": "Se vedhæftede.",
            "confirmed": "on",
            "attachments": [SimpleUploadedFile(name, content) for name, content in files],
        },
    )


def test_an_answer_file_whose_content_is_not_its_type_is_refused_as_in_the_web_form(world):
    # Issue 15: the portal judged a file by its name only; now by content, as the web form.
    forwarding = world["forwarding"]
    response = _answer_with_files(
        client_for("manager", world), forwarding, [("afgørelse.pdf", b"MZ\x90\x00 a program")]
    )
    assert response.status_code == 400
    assert "afgørelse.pdf" in " ".join(response.context["answer_form"].errors["attachments"])
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.attachments.count()) == ("sent", 0)


def test_an_answer_with_more_files_than_the_web_form_allows_is_refused(world, settings):
    settings.ATTACHMENT_MAX_COUNT = 2
    forwarding = world["forwarding"]
    files = [(f"bilag{i}.pdf", b"%PDF-1.4 bilag") for i in range(3)]
    response = _answer_with_files(client_for("manager", world), forwarding, files)
    assert response.status_code == 400
    assert "attachments" in response.context["answer_form"].errors
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.attachments.count()) == ("sent", 0)
    files = files[:2]
    response = _answer_with_files(client_for("manager", world), forwarding, files)
    assert response.status_code == 302
    assert forwarding.attachments.count() == 2


def test_the_answer_file_service_refuses_who_may_not_see_the_forwarding(world, now):
    forwarding = world["forwarding"]
    _answer_with(client_for("manager", world), forwarding, "svar.pdf", b"%PDF-1.4 svar")
    attachment = forwarding.attachments.get()
    opened = answer_attachment_open(
        user=world["manager"], forwarding=forwarding, pk=attachment.pk, now=now
    )
    assert opened == attachment
    assert AccessLogEntry.objects.filter(
        user=world["manager"],
        event=AccessEvent.ANSWER_ATTACHMENT_DOWNLOADED,
        detail=str(attachment.pk),
    ).exists()
    with pytest.raises(AnswerAttachment.DoesNotExist):
        answer_attachment_open(
            user=world["other_manager"], forwarding=forwarding, pk=attachment.pk, now=now
        )
    other = Forwarding.objects.exclude(pk=forwarding.pk).get()
    with pytest.raises(AnswerAttachment.DoesNotExist):
        answer_attachment_open(user=AdvisorFactory(), forwarding=other, pk=attachment.pk, now=now)


def test_the_portal_lists_cases_awaiting_an_answer_first(world, make_sent):
    forwarding = world["forwarding"]
    answered = make_sent(datetime.date(2024, 2, 1), department=forwarding.department)
    from borgerraadgiver.forwarding.answers import forwarding_answer

    forwarding_answer(
        forwarding=answered,
        answered_by=world["manager"],
        now=at(datetime.date(2024, 2, 5)),
        answer_text="Svar",
    )
    response = client_for("manager", world).get(reverse("portal:forwarding_list"))
    assert [f.pk for f in response.context["page"].object_list] == [forwarding.pk, answered.pk]
