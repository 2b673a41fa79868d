"""The citizen's verdict: the one-time link, the page, the answer kept apart from the person,
and the wish to be contacted again."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.feedback import services
from borgerraadgiver.feedback.models import ContactRequest, SurveyAnswer, SurveyInvitation
from borgerraadgiver.feedback.tokens import token_hash
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from tests.factories import InquiryFactory, UserFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db

ANSWERS = {"felt_heard": "yes", "understood_answer": "partly", "contact_helped": "no"}
SENT_ON = at(datetime.date(2024, 5, 3))


def _token(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[1]


def _path(url: str) -> str:
    return reverse("feedback:survey", args=[_token(url)])


def test_the_link_is_e_mailed_to_the_citizen_and_only_its_hash_is_kept(
    closed_inquiry, advisor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        url = services.invite(closed_inquiry, by=advisor, now=SENT_ON, email=True)
    assert [m.to for m in mailoutbox] == [[closed_inquiry.person.email]]
    assert url in mailoutbox[0].body
    invitation = SurveyInvitation.objects.get()
    assert invitation.token_hash == token_hash(_token(url)) != _token(url)
    assert invitation.emailed and not invitation.used
    assert list(AccessLogEntry.objects.values_list("event", "inquiry_id")) == [
        ("feedback_invited", closed_inquiry.pk)
    ]


def test_a_citizen_answers_once_and_the_answer_does_not_point_back(closed_inquiry, advisor, client):
    url = services.invite(closed_inquiry, by=advisor, now=timezone.now())
    page = client.get(_path(url))
    assert page.status_code == 200
    assert "Did you feel heard?" in page.content.decode() or "hørt" in page.content.decode()
    response = client.post(_path(url), ANSWERS)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:survey_done")
    answer = SurveyAnswer.objects.get()
    assert (answer.handling_kind, answer.area_id, answer.received_month) == (
        "advice",
        closed_inquiry.area_id,
        datetime.date(2024, 3, 1),
    )
    # Nothing on the answer leads to the inquiry, the person or the invitation.
    assert {f.name for f in SurveyAnswer._meta.get_fields()} == {
        "id",
        "handling_kind",
        "area",
        "received_month",
        "felt_heard",
        "understood_answer",
        "contact_helped",
        "comment",
    }
    assert SurveyInvitation.objects.get().used
    assert not ContactRequest.objects.exists()
    # The same link again: refused, and nothing more is stored.
    again = client.post(_path(url), {**ANSWERS, "felt_heard": "no"})
    assert again.status_code == 404
    assert client.get(_path(url)).status_code == 404
    assert SurveyAnswer.objects.count() == 1


def test_a_guessed_or_mangled_link_is_refused_like_a_used_one(closed_inquiry, advisor, client):
    url = services.invite(closed_inquiry, by=advisor, now=timezone.now())
    token = _token(url)
    for guess in ("a" * 43, token[:-1] + ("A" if token[-1] != "A" else "B"), token[:20], "x"):
        response = client.post(reverse("feedback:survey", args=[guess]), ANSWERS)
        assert response.status_code == 404
        assert str(services.LINK_NOT_VALID)[:20] in response.content.decode() or response.content
    assert not SurveyAnswer.objects.exists()


def test_an_expired_link_is_refused(closed_inquiry, advisor, settings):
    url = services.invite(closed_inquiry, by=advisor, now=SENT_ON)
    later = SENT_ON + datetime.timedelta(days=settings.FEEDBACK_LINK_DAYS)
    data = services.SurveyInput("yes", "yes", "yes", "", contact_again=False)
    with pytest.raises(services.LinkNotValid):
        services.survey_answer(_token(url), data=data, now=later)
    assert not SurveyAnswer.objects.exists()


def test_a_form_with_a_question_unanswered_says_which_and_keeps_the_comment(
    closed_inquiry, advisor, client
):
    url = services.invite(closed_inquiry, by=advisor, now=timezone.now())
    response = client.post(_path(url), {"felt_heard": "yes", "comment": "Tak for hjælpen"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tak for hjælpen" in body
    assert body.count('id="id_understood_answer-error"') == 1
    assert not SurveyAnswer.objects.exists()
    assert not SurveyInvitation.objects.get().used


def test_asking_to_be_contacted_again_puts_the_inquiry_on_the_front_page(
    closed_inquiry, advisor, advisor_client, client
):
    url = services.invite(closed_inquiry, by=advisor, now=timezone.now())
    client.post(_path(url), {**ANSWERS, "contact_again": "on"})
    request = ContactRequest.objects.get()
    assert request.inquiry == closed_inquiry
    page = advisor_client.get(reverse("advisor:home")).content.decode()
    assert closed_inquiry.case_number in page
    done = advisor_client.post(reverse("advisor:contact_request_done", args=[request.pk]))
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.done_at is not None and request.done_by.username == "advisor"
    assert (
        closed_inquiry.case_number
        not in advisor_client.get(reverse("advisor:home")).content.decode()
    )
    assert (
        list(
            AccessLogEntry.objects.filter(inquiry_id=closed_inquiry.pk)
            .order_by("pk")
            .values_list("event", flat=True)
        )[-1]
        == "contact_request_done"
    )


@pytest.mark.parametrize(
    ("change", "email", "message"),
    [
        ({"status": Inquiry.Status.OPEN, "closed_date": None}, False, services.NOT_CLOSED),
        (
            {"person": None, "complainant_kind": ComplainantKind.ANONYMOUS},
            False,
            services.NO_ADDRESS,
        ),
    ],
)
def test_an_open_or_anonymous_inquiry_is_never_asked(advisor, change, email, message):
    values = {"status": Inquiry.Status.CLOSED, "closed_date": datetime.date(2024, 5, 2), **change}
    inquiry = InquiryFactory(**values)
    with pytest.raises(ValidationError) as refused:
        services.invite(inquiry, by=advisor, now=SENT_ON, email=email)
    assert refused.value.messages == [str(message)]
    assert not SurveyInvitation.objects.exists()


def test_without_an_e_mail_address_the_link_is_for_a_letter(closed_inquiry, advisor):
    person = closed_inquiry.person
    person.email, person.address = "", "Torvet 1, 8722 Hedensted"
    person.save()
    with pytest.raises(ValidationError) as refused:
        services.invite(closed_inquiry, by=advisor, now=SENT_ON, email=True)
    assert refused.value.messages == [str(services.NO_EMAIL)]
    assert services.invite(closed_inquiry, by=advisor, now=SENT_ON).startswith("http")


def test_a_new_link_replaces_the_old_and_none_is_made_once_answered(closed_inquiry, advisor):
    first = services.invite(closed_inquiry, by=advisor, now=SENT_ON)
    second = services.invite(closed_inquiry, by=advisor, now=SENT_ON)
    data = services.SurveyInput("yes", "yes", "yes", "", contact_again=False)
    with pytest.raises(services.LinkNotValid):
        services.survey_answer(_token(first), data=data, now=SENT_ON)
    services.survey_answer(_token(second), data=data, now=SENT_ON)
    with pytest.raises(ValidationError) as refused:
        services.invite(closed_inquiry, by=advisor, now=SENT_ON)
    assert refused.value.messages == [str(services.ALREADY_ANSWERED)]


def test_the_advisor_gets_the_link_for_a_letter_from_the_inquiry_page(
    closed_inquiry, advisor_client
):
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[closed_inquiry.pk]))
    assert reverse("advisor:feedback_invite", args=[closed_inquiry.pk]) in page.content.decode()
    response = advisor_client.post(
        reverse("advisor:feedback_invite", args=[closed_inquiry.pk]), {"how": "link"}
    )
    assert response.status_code == 200
    link = re.search(r'value="(http[^"]+/survey/[^"]+/)"', response.content.decode())
    assert link and token_hash(_token(link.group(1))) == SurveyInvitation.objects.get().token_hash


def test_nobody_but_an_advisor_can_ask(closed_inquiry, plain_client, report_reader_client):
    for client in (plain_client, report_reader_client):
        response = client.post(
            reverse("advisor:feedback_invite", args=[closed_inquiry.pk]), {"how": "link"}
        )
        assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.invite(closed_inquiry, by=UserFactory(), now=SENT_ON)
    assert not SurveyInvitation.objects.exists()
