"""A double click, or two advisors at once, acts once on a forwarding (PostgreSQL only: it runs
the two requests truly in parallel; SQLite writes one transaction at a time anyway)."""

import datetime
import threading
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import (
    forwarding_answer,
    forwarding_close,
    forwarding_draft,
    forwarding_send,
)
from tests.factories import DepartmentFactory, InquiryFactory, UserFactory
from tests.helpers import at

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs a database that writes in parallel"
    ),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("handling_kinds"),
]

DAY = datetime.date(2024, 3, 4)


def at_once(action: Callable[[], object], times: int = 4) -> list[str]:
    """Run `action` in `times` threads released together; 'done' or 'refused' for each."""
    barrier = threading.Barrier(times)
    outcomes: list[str] = []

    def run() -> None:
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


@pytest.fixture
def draft(advisor) -> Forwarding:
    department = DepartmentFactory()
    manager = UserFactory(email="leder@example.com")
    manager.managed_departments.add(department)
    inquiry = InquiryFactory(department=department, received_date=DAY)
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Borgeren",
        given_date=DAY,
        method="phone",
    )
    return forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Svar borgeren.",
    )


def test_sending_at_once_sends_once_and_tells_the_department_once(advisor, draft, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []

    outcomes = at_once(
        lambda: forwarding_send(
            forwarding=Forwarding.objects.get(pk=draft.pk), sent_by=advisor, now=at(DAY)
        )
    )

    assert outcomes == ["done", "refused", "refused", "refused"]
    assert len(mail.outbox) == 1
    assert draft.inquiry.changes.filter(field="handling_type").count() == 1


def test_answering_and_closing_at_once_act_once(advisor, draft):
    forwarding_send(forwarding=draft, sent_by=advisor, now=at(DAY))
    manager = draft.department.managers.get()

    answered = at_once(
        lambda: forwarding_answer(
            forwarding=Forwarding.objects.get(pk=draft.pk),
            answered_by=manager,
            now=at(DAY),
            answer_text="Svar",
        )
    )
    closed = at_once(
        lambda: forwarding_close(
            forwarding=Forwarding.objects.get(pk=draft.pk),
            closed_by=advisor,
            now=at(DAY),
            outcome="apology",
        )
    )

    assert answered == closed == ["done", "refused", "refused", "refused"]
