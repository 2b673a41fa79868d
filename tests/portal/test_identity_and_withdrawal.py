"""The department's side: who the citizen is, when the advisor shares it, and a mistaken answer
withdrawn within a day and replaced, with both versions kept."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.answers import (
    WITHDRAWAL_TOO_LATE,
    forwarding_answer,
    forwarding_answer_withdraw,
)
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.permissions import can_withdraw_answer
from borgerraadgiver.forwarding.services import forwarding_draft, forwarding_send
from borgerraadgiver.forwarding.statistics import forwarding_statistics
from borgerraadgiver.privacy.retention_removal import retention_batch_remove
from tests.factories import PASSWORD
from tests.helpers import at
from tests.login import verified_client

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 3, 6)


def login(user) -> Client:
    client = Client()
    user.set_password(PASSWORD)
    user.save()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def shared(make_sent, advisor):
    """A forwarding sent with the citizen's name and CPR number shared."""
    draft = make_sent(DAY)
    person = draft.inquiry.person
    person.cpr = "0101801234"
    person.save()
    forwarding = forwarding_draft(
        inquiry=draft.inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=draft.department,
        text="Borgeren venter på svar.",
    )
    return forwarding_send(forwarding=forwarding, sent_by=advisor, now=at(DAY), share_identity=True)


def test_the_identity_is_not_shared_unless_the_advisor_chooses_it(make_sent):
    forwarding = make_sent(DAY)
    assert not forwarding.identity_shared
    page = login(forwarding.department.managers.get()).get(
        reverse("portal:forwarding_detail", args=[forwarding.pk])
    )
    assert forwarding.inquiry.person.name not in page.content.decode()


def test_the_manager_sees_the_shared_name_and_cpr_and_the_reading_is_logged(shared):
    manager = shared.department.managers.get()
    page = login(manager).get(reverse("portal:forwarding_detail", args=[shared.pk]))
    content = page.content.decode()
    assert shared.inquiry.person.name in content
    assert "010180-1234" in content
    row = AccessLogEntry.objects.filter(user=manager).latest("id")
    assert (row.event, row.person_id, row.inquiry_id, row.detail) == (
        AccessEvent.FORWARDING_IDENTITY_VIEWED,
        shared.inquiry.person_id,
        shared.inquiry_id,
        str(shared.pk),
    )


def test_another_departments_manager_sees_nothing_of_the_shared_identity(shared, make_sent):
    other = make_sent(DAY).department.managers.get()
    response = login(other).get(reverse("portal:forwarding_detail", args=[shared.pk]))
    assert response.status_code == 404
    assert shared.inquiry.person.name not in response.content.decode()


def test_the_advisor_sees_what_was_shared_with_the_cpr_masked(shared, advisor):
    content = (
        verified_client(advisor)
        .get(reverse("advisor:forwarding_detail", args=[shared.pk]))
        .content.decode()
    )
    assert shared.shared_name in content
    assert "010180-****" in content
    assert "010180-1234" not in content


def test_a_later_correction_of_the_person_does_not_change_what_was_shared(shared):
    person = shared.inquiry.person
    shared_name = person.name
    person.name = "Rettet Navn"
    person.save()
    shared.refresh_from_db()
    assert shared.shared_name == shared_name


def test_an_anonymous_inquiry_has_no_identity_to_share(make_sent, advisor):
    draft = make_sent(DAY)
    draft.inquiry.person = None
    draft.inquiry.save()
    forwarding = forwarding_draft(
        inquiry=draft.inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=draft.department,
        text="Anonym.",
    )
    with pytest.raises(ValidationError):
        forwarding_send(forwarding=forwarding, sent_by=advisor, now=at(DAY), share_identity=True)
    forwarding.refresh_from_db()
    assert forwarding.status == Forwarding.Status.DRAFT


def test_retention_removes_the_shared_identity(shared):
    inquiry = shared.inquiry
    inquiry.status = inquiry.Status.CLOSED
    inquiry.closed_date = DAY
    inquiry.save()
    retention_batch_remove([inquiry.pk], now=at(DAY), today=DAY, years=1, package=None)
    shared.refresh_from_db()
    assert (shared.shared_name, shared.shared_cpr) == ("", "")


def test_the_advisor_chooses_to_share_on_the_send_button(make_sent, advisor):
    draft = make_sent(DAY)
    forwarding = forwarding_draft(
        inquiry=draft.inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=draft.department,
        text="Tekst.",
    )
    verified_client(advisor).post(
        reverse("advisor:forwarding_send", args=[forwarding.pk]), {"share_identity": "on"}
    )
    forwarding.refresh_from_db()
    assert forwarding.status == Forwarding.Status.SENT
    assert forwarding.shared_name == draft.inquiry.person.name


# The answer, its confirmation, withdrawal and replacement.


def answer_now(forwarding: Forwarding, text: str = "Vi beklager.") -> Forwarding:
    return forwarding_answer(
        forwarding=forwarding,
        answered_by=forwarding.department.managers.get(),
        now=timezone.now(),
        answer_text=text,
    )


def test_the_answer_is_not_sent_without_the_confirmation(make_sent):
    forwarding = make_sent(DAY)
    response = login(forwarding.department.managers.get()).post(
        reverse("portal:forwarding_answer", args=[forwarding.pk]), {"answer_text": "Vi beklager."}
    )
    assert response.status_code == 400
    assert "Bekræft" in response.content.decode()
    assert "Vi beklager." in response.content.decode()  # nothing typed is lost
    forwarding.refresh_from_db()
    assert forwarding.status == Forwarding.Status.SENT


def test_the_advisor_is_told_by_e_mail_of_an_answer(
    make_sent, advisor, django_capture_on_commit_callbacks
):
    advisor.email = "raadgiver@example.com"
    advisor.save()
    forwarding = make_sent(DAY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_now(forwarding)
    assert [message.to for message in mail.outbox] == [["raadgiver@example.com"]]
    assert forwarding.inquiry.case_number in mail.outbox[0].subject


def test_the_manager_withdraws_and_replaces_the_answer_both_versions_kept(
    make_sent, advisor, django_capture_on_commit_callbacks
):
    advisor.email = "raadgiver@example.com"
    advisor.save()
    forwarding = answer_now(make_sent(DAY), "Forkert svar.")
    manager = forwarding.department.managers.get()
    client = login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:forwarding_answer_withdraw", args=[forwarding.pk]),
            {"withdraw-reason": "Sendt til den forkerte borger", "withdraw-confirmed": "on"},
        )
    assert response.status_code == 302
    assert any("tilbagekaldt" in message.subject for message in mail.outbox)
    forwarding.refresh_from_db()
    assert forwarding.status == Forwarding.Status.SENT
    client.post(
        reverse("portal:forwarding_answer", args=[forwarding.pk]),
        {"answer_text": "Rigtigt svar.", "confirmed": "on"},
    )
    content = (
        verified_client(advisor)
        .get(reverse("advisor:forwarding_detail", args=[forwarding.pk]))
        .content.decode()
    )
    assert "Rigtigt svar." in content
    assert "Forkert svar." in content
    assert "Tilbagekaldt" in content
    assert "Sendt til den forkerte borger" in content
    events = list(
        AccessLogEntry.objects.filter(user=manager, event__startswith="forwarding_answer")
        .order_by("id")
        .values_list("event", flat=True)
    )
    assert events == [
        AccessEvent.FORWARDING_ANSWERED,
        AccessEvent.FORWARDING_ANSWER_WITHDRAWN,
        AccessEvent.FORWARDING_ANSWERED,
    ]


def test_after_a_day_the_withdrawal_is_refused_with_a_clear_message(make_sent):
    forwarding = make_sent(DAY)
    manager = forwarding.department.managers.get()
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="Svar")
    with pytest.raises(ValidationError) as refused:
        forwarding_answer_withdraw(
            forwarding=forwarding,
            withdrawn_by=manager,
            now=at(DAY) + datetime.timedelta(hours=24, minutes=1),
            reason="For sent",
        )
    assert refused.value.messages == [str(WITHDRAWAL_TOO_LATE)]
    withdrawn = forwarding_answer_withdraw(
        forwarding=forwarding,
        withdrawn_by=manager,
        now=at(DAY) + datetime.timedelta(hours=24),
        reason="Lige i tide",
    )
    assert withdrawn.answer_text == "Svar"


def test_only_the_departments_manager_withdraws(make_sent, advisor):
    """The predicate and the service agree: another department's manager and the advisor may
    not withdraw the department's answer."""
    forwarding = make_sent(DAY)
    other = make_sent(DAY).department.managers.get()
    manager = forwarding.department.managers.get()
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="Svar")
    for user in (other, advisor):
        assert not can_withdraw_answer(user, forwarding, now=at(DAY))
        with pytest.raises(PermissionDenied):
            forwarding_answer_withdraw(
                forwarding=forwarding, withdrawn_by=user, now=at(DAY), reason="Nej"
            )


def test_the_figures_count_the_first_answer_given(make_sent):
    forwarding = make_sent(DAY)
    manager = forwarding.department.managers.get()
    assert forwarding.deadline_date is not None
    deadline = forwarding.deadline_date
    on_deadline = at(deadline, 15)
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=on_deadline, answer_text="1")
    forwarding_answer_withdraw(
        forwarding=forwarding,
        withdrawn_by=manager,
        now=on_deadline + datetime.timedelta(hours=20),
        reason="Rettelse",
    )
    forwarding_answer(
        forwarding=forwarding,
        answered_by=manager,
        now=on_deadline + datetime.timedelta(hours=21),
        answer_text="2",
    )
    forwarding.refresh_from_db()
    assert forwarding.answered_date > deadline  # the replacement came the day after
    figures = forwarding_statistics(
        start=DAY, end=DAY, today=deadline + datetime.timedelta(days=5)
    ).overall
    assert (figures.answered_on_time, figures.answered_late) == (1, 0)


def test_a_withdrawn_answer_not_yet_replaced_is_no_answer(make_sent):
    forwarding = make_sent(DAY)
    manager = forwarding.department.managers.get()
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="1")
    forwarding_answer_withdraw(
        forwarding=forwarding, withdrawn_by=manager, now=at(DAY, 12), reason="Rettelse"
    )
    figures = forwarding_statistics(start=DAY, end=DAY, today=DAY).overall
    assert (figures.answered_on_time, figures.unanswered_not_yet_due) == (0, 1)


def test_portal_page_queries(shared, django_assert_num_queries):
    client = login(shared.department.managers.get())
    url = reverse("portal:forwarding_detail", args=[shared.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_PORTAL_DETAIL):
        assert client.get(url).status_code == 200


def test_advisor_page_queries_with_a_withdrawn_answer(
    make_sent, advisor, django_assert_num_queries
):
    forwarding = make_sent(DAY)
    manager = forwarding.department.managers.get()
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="1")
    forwarding_answer_withdraw(
        forwarding=forwarding, withdrawn_by=manager, now=at(DAY, 12), reason="Rettelse"
    )
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY, 13), answer_text="2")
    client = verified_client(advisor)
    url = reverse("advisor:forwarding_detail", args=[forwarding.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_ADVISOR_DETAIL):
        assert client.get(url).status_code == 200


QUERIES_PORTAL_DETAIL = 10
QUERIES_ADVISOR_DETAIL = 10
