"""Every access-log row names a typed event; an action writes a known sequence of them.

As Zulip's audit-log tests do, each test performs one user action through the services (or a
page) and asserts the exact sequence of events it wrote, so that a read or a change that stops
being logged, or is logged as something else, fails here.
"""

import datetime
import importlib

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import translation

from borgerraadgiver.audit.event_actions import EVENT_ACTIONS
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.services import (
    forwarding_close,
    forwarding_draft,
    forwarding_follow_up,
    forwarding_send,
)
from borgerraadgiver.inquiries.models import ComplainantKind
from borgerraadgiver.inquiries.services.editing import inquiry_close, inquiry_reopen
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement
from borgerraadgiver.inquiries.services.registration import inquiry_register
from tests.factories import (
    AdvisorFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)
from tests.helpers import at

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds", "follow_up_action")]

DAY = datetime.date(2024, 3, 4)


def events_since(first_id: int = 0) -> list[str]:
    return list(
        AccessLogEntry.objects.filter(id__gt=first_id)
        .order_by("id")
        .values_list("event", flat=True)
    )


def last_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_every_event_has_its_kind_of_use():
    assert set(EVENT_ACTIONS) == set(AccessEvent.values)
    assert set(EVENT_ACTIONS.values()) <= set(AccessLogEntry.Action.values)


def test_a_row_takes_its_action_and_the_user_name_from_the_event_and_the_user():
    advisor = AdvisorFactory(username="raadgiver")
    entry = access_log_write(
        user=advisor, event=AccessEvent.INQUIRIES_SEARCHED, now=at(DAY), detail="Åse"
    )
    assert (entry.action, entry.username) == (AccessLogEntry.Action.SEARCH, "raadgiver")


def test_the_description_is_in_the_readers_language():
    entry = access_log_write(
        user=None, event=AccessEvent.INQUIRIES_SEARCHED, now=at(DAY), detail="Åse"
    )
    with translation.override("en"):
        assert entry.description == "Searched the inquiries: Åse"
    with translation.override("da"):
        assert entry.description == "Søgte i henvendelserne: Åse"


def test_deleting_a_user_keeps_who_it_was():
    advisor = AdvisorFactory(username="tidligere")
    access_log_write(user=advisor, event=AccessEvent.INQUIRY_VIEWED, now=at(DAY), inquiry_id=1)
    advisor.delete()
    entry = AccessLogEntry.objects.get()
    assert (entry.user_id, entry.username) == (None, "tidligere")


def test_registering_a_new_person_about_two_departments(advisor, now):
    school, family = DepartmentFactory(), DepartmentFactory()
    inquiry_register(
        registered_by=advisor,
        now=now,
        received_date=DAY,
        channel="phone",
        complainant_kind=ComplainantKind.CITIZEN,
        placements=[
            Placement(area=school.area, department=school),
            Placement(area=family.area, department=family),
        ],
        reasons=[ReasonFactory()],
        handling_type=HandlingTypeFactory(),
        new_person=PersonData(name="Mette Prøvesen"),
    )
    assert events_since() == [
        AccessEvent.PERSON_REGISTERED,
        AccessEvent.INQUIRY_REGISTERED,
        AccessEvent.INQUIRY_REGISTERED,
    ]


def test_closing_and_reopening(advisor, now):
    inquiry = InquiryFactory(received_date=DAY)
    inquiry_close(inquiry=inquiry, closed_by=advisor, now=now, closed_date=DAY)
    inquiry_reopen(inquiry=inquiry, reopened_by=advisor, now=now)
    rows = AccessLogEntry.objects.order_by("id")
    assert [(row.event, row.detail) for row in rows] == [
        (AccessEvent.INQUIRY_CHANGED, "status, closed_date"),
        (AccessEvent.INQUIRY_CHANGED, "status, closed_date"),
    ]


def test_a_forwarding_from_consent_to_closing(advisor, now):
    department = DepartmentFactory()
    manager = UserFactory()
    manager.managed_departments.add(department)
    inquiry = InquiryFactory(department=department, area=department.area, received_date=DAY)
    consent_record(
        inquiry=inquiry,
        recorded_by=advisor,
        now=at(DAY),
        given_by="Borgeren",
        given_date=DAY,
        method="phone",
    )
    forwarding = forwarding_draft(
        inquiry=inquiry,
        created_by=advisor,
        now=at(DAY),
        kind=Forwarding.Kind.FORWARDED,
        department=department,
        text="Borgeren venter på svar.",
    )
    forwarding_send(forwarding=forwarding, sent_by=advisor, now=at(DAY))
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="Svar")
    forwarding_follow_up(forwarding=forwarding, asked_by=advisor, now=at(DAY), text="Hvorfor?")
    forwarding_answer(forwarding=forwarding, answered_by=manager, now=at(DAY), answer_text="Fordi")
    forwarding_close(forwarding=forwarding, closed_by=advisor, now=at(DAY), outcome="answered")
    assert events_since() == [
        AccessEvent.CONSENT_RECORDED,
        AccessEvent.FORWARDING_DRAFTED,
        # Registered as advice, sent as a forwarded complaint: the handling follows.
        AccessEvent.INQUIRY_CHANGED,
        AccessEvent.FORWARDING_SENT,
        AccessEvent.FORWARDING_ANSWERED,
        AccessEvent.FOLLOW_UP_ASKED,
        AccessEvent.FORWARDING_ANSWERED,
        AccessEvent.FORWARDING_CLOSED,
    ]
    assert set(AccessLogEntry.objects.values_list("inquiry_id", flat=True)) == {inquiry.pk}


def test_opening_the_inquiry_page_and_its_edit_form(advisor_client):
    inquiry = InquiryFactory()
    advisor_client.get(f"/inquiries/{inquiry.pk}/")
    advisor_client.get(f"/inquiries/{inquiry.pk}/edit/")
    assert events_since() == [AccessEvent.INQUIRY_VIEWED, AccessEvent.INQUIRY_EDIT_FORM_VIEWED]


def test_the_list_logs_a_view_and_a_search_as_a_search(advisor_client):
    InquiryFactory(summary="Borgeren venter")
    advisor_client.get("/inquiries/")
    first = last_id()
    advisor_client.get("/inquiries/", {"q": "venter"})
    assert set(events_since()[:1]) == {AccessEvent.INQUIRY_LIST_VIEWED}
    assert set(events_since(first)) == {AccessEvent.INQUIRIES_SEARCHED}
    assert AccessLogEntry.objects.filter(id__gt=first).get().detail == "venter"


@pytest.mark.parametrize(
    ("action", "detail", "event", "kept"),
    [
        ("view", "edit form", AccessEvent.INQUIRY_EDIT_FORM_VIEWED, ""),
        ("view", "forwarding 12", AccessEvent.FORWARDING_VIEWED, "12"),
        ("change", "forwarding sent", AccessEvent.FORWARDING_SENT, ""),
        ("view", "web-form submission W-2024-0001", AccessEvent.SUBMISSION_VIEWED, "W-2024-0001"),
        ("search", "Jensen", AccessEvent.INQUIRIES_SEARCHED, "Jensen"),
        ("view", "api forwardings status=sent", AccessEvent.API_FORWARDINGS_LISTED, "status=sent"),
        (
            "export",
            "annual report 2024 (pdf)",
            AccessEvent.REPORT_DOCUMENT_DOWNLOADED,
            "2024 (pdf)",
        ),
        (
            "clean_up",
            "3 entries before 2024",
            AccessEvent.ACCESS_LOG_CLEANED,
            "3 entries before 2024",
        ),
        ("view", "something nobody wrote", "", "something nobody wrote"),
    ],
)
def test_rows_written_before_events_get_theirs_from_the_old_phrases(action, detail, event, kept):
    migration = importlib.import_module(
        "borgerraadgiver.audit.migrations.0003_typed_events_and_user_name"
    )
    assert migration._event_for(action, detail) == (event, kept)


@pytest.mark.parametrize("column", ["event", "username"])
def test_the_database_refuses_to_change_the_event_or_the_user_name(column):
    entry = access_log_write(user=None, event=AccessEvent.INQUIRY_VIEWED, now=at(DAY))
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            f"UPDATE audit_accesslogentry SET {column} = 'altered' WHERE id = %s",  # noqa: S608
            [entry.pk],
        )
    assert AccessLogEntry.objects.get().event == AccessEvent.INQUIRY_VIEWED


def test_many_rows_at_once_are_the_rows_written_one_by_one(advisor):
    """A list page's rows (`access_log_write_many`: one statement on PostgreSQL, a prepared one
    per row on SQLite) hold what `access_log_write` writes for each, anonymous inquiries too."""
    named = InquiryFactory()
    anonymous = InquiryFactory(person=None, complainant_kind=ComplainantKind.ANONYMOUS)
    now = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    pairs = [(named.pk, named.person_id), (anonymous.pk, None)]
    columns = ("at", "user", "action", "inquiry_id", "person_id", "event", "username", "detail")
    access_log_write_many(
        user=advisor, event=AccessEvent.INQUIRIES_SEARCHED, now=now, inquiries=pairs, detail="Ø"
    )
    many = list(AccessLogEntry.objects.order_by("pk").values_list(*columns))
    last = AccessLogEntry.objects.latest("pk").pk
    for inquiry_id, person_id in pairs:
        access_log_write(
            user=advisor,
            event=AccessEvent.INQUIRIES_SEARCHED,
            now=now,
            inquiry_id=inquiry_id,
            person_id=person_id,
            detail="Ø",
        )
    one_by_one = AccessLogEntry.objects.filter(pk__gt=last).order_by("pk")
    assert many == list(one_by_one.values_list(*columns))
    assert [row[3:5] for row in many] == [(named.pk, named.person_id), (anonymous.pk, None)]
