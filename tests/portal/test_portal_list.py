"""The department manager's list of cases: awaiting an answer first, a page at a time, filtered
by status, with how many await an answer and how many of those are late."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.forwarding.answers import forwarding_answer
from borgerraadgiver.forwarding.services import forwarding_close
from tests.factories import DepartmentFactory
from tests.helpers import at, queries_for
from tests.login import verified_client

pytestmark = pytest.mark.django_db

URL = reverse("portal:forwarding_list")


@pytest.fixture
def office(make_sent, advisor):
    """One department with four cases: two awaiting an answer (one past its deadline, one
    sent today), one answered and one closed; and another department's case beside them."""
    department = DepartmentFactory()
    today = timezone.localdate()
    late = make_sent(datetime.date(2024, 3, 6), department=department)
    fresh = make_sent(today, department=department)
    answered = make_sent(datetime.date(2024, 2, 1), department=department)
    closed = make_sent(datetime.date(2024, 1, 8), department=department)
    manager = department.managers.get()
    for forwarding in (answered, closed):
        forwarding_answer(
            forwarding=forwarding,
            answered_by=manager,
            now=at(forwarding.sent_date + datetime.timedelta(days=3)),
            answer_text="Svar",
        )
    forwarding_close(
        forwarding=closed,
        closed_by=advisor,
        now=at(datetime.date(2024, 2, 1)),
        outcome="answered",
    )
    elsewhere = make_sent(datetime.date(2024, 3, 6))
    client = Client()
    client.force_login(manager)
    return {
        "client": client,
        "late": late,
        "fresh": fresh,
        "answered": answered,
        "closed": closed,
        "elsewhere": elsewhere,
    }


def case_numbers(html: str) -> list[str]:
    """The case numbers the table shows, top to bottom."""
    return re.findall(r'<a href="/portal/\d+/">([^<]+)</a>', html)


def number(forwarding) -> str:
    return forwarding.inquiry.case_number


def test_awaiting_first_soonest_deadline_first_then_answered_then_closed(office):
    html = office["client"].get(URL).content.decode()
    expected = [office[key] for key in ("late", "fresh", "answered", "closed")]
    assert case_numbers(html) == [number(f) for f in expected]
    assert "4 sager" in html
    assert number(office["elsewhere"]) not in html


def test_the_answered_and_the_closed_come_newest_first(office, make_sent):
    department = office["late"].department
    newer = make_sent(datetime.date(2024, 5, 6), department=department)
    forwarding_answer(
        forwarding=newer,
        answered_by=department.managers.get(),
        now=at(datetime.date(2024, 5, 7)),
        answer_text="Svar",
    )
    html = office["client"].get(URL, {"status": "answered"}).content.decode()
    assert case_numbers(html) == [number(newer), number(office["answered"])]


def test_the_manager_is_told_how_many_await_an_answer_and_how_many_are_late(office):
    html = office["client"].get(URL).content.decode()
    assert "2 sager afventer dit svar; fristen er overskredet for 1 af dem." in html


def test_nothing_late_is_said_as_such(office):
    office["late"].delete()
    html = office["client"].get(URL).content.decode()
    assert "1 sag afventer dit svar." in html
    assert "overskredet" not in html


def test_no_line_when_nothing_awaits_an_answer(make_sent):
    forwarding = make_sent(datetime.date(2024, 3, 6))
    manager = forwarding.department.managers.get()
    forwarding_answer(
        forwarding=forwarding, answered_by=manager, now=at(forwarding.sent_date), answer_text="Svar"
    )
    client = Client()
    client.force_login(manager)
    html = client.get(URL).content.decode()
    assert "afventer dit svar" not in html
    assert case_numbers(html) == [number(forwarding)]


@pytest.mark.parametrize(
    ("status", "keys"),
    [("sent", ["late", "fresh"]), ("answered", ["answered"]), ("closed", ["closed"])],
)
def test_the_list_shows_one_status_when_asked(office, status, keys):
    html = office["client"].get(URL, {"status": status}).content.decode()
    assert case_numbers(html) == [number(office[key]) for key in keys]
    assert f'<option value="{status}" selected>' in html


def test_a_status_with_no_cases_says_so(office):
    office["closed"].delete()
    html = office["client"].get(URL, {"status": "closed"}).content.decode()
    assert case_numbers(html) == []
    assert "Ingen af dine sager har denne status." in html


def test_an_unknown_status_shows_every_case(office):
    response = office["client"].get(URL, {"status": "draft"})
    assert response.status_code == 200
    assert len(case_numbers(response.content.decode())) == 4


def test_the_list_is_paged_and_the_pages_keep_the_filter(office, settings):
    settings.PORTAL_LIST_PAGE_SIZE = 1
    client = office["client"]
    first = client.get(URL, {"status": "sent"}).content.decode()
    assert case_numbers(first) == [number(office["late"])]
    assert "Side 1 af 2" in first
    assert 'href="?status=sent&amp;page=2"' in first
    second = client.get(URL, {"status": "sent", "page": "2"}).content.decode()
    assert case_numbers(second) == [number(office["fresh"])]
    beyond = client.get(URL, {"page": "99"}).content.decode()
    assert case_numbers(beyond) == [number(office["closed"])]


def test_another_manager_sees_none_of_them_and_is_told_of_none(office):
    manager = office["elsewhere"].department.managers.get()
    client = Client()
    client.force_login(manager)
    html = client.get(URL).content.decode()
    assert case_numbers(html) == [number(office["elsewhere"])]
    assert "1 sag afventer dit svar, og fristen er overskredet." in html
    for key in ("late", "fresh", "answered", "closed"):
        assert number(office[key]) not in html


def test_a_manager_who_is_also_an_advisor_sees_no_draft_in_the_portal(office, advisor):
    from borgerraadgiver.forwarding.services import forwarding_draft

    department = office["late"].department
    manager = department.managers.get()
    manager.is_advisor = True
    manager.save()
    draft = forwarding_draft(
        inquiry=office["late"].inquiry,
        created_by=advisor,
        now=at(datetime.date(2024, 3, 7)),
        kind="dialogue",
        department=department,
        text="Kladde",
    )
    client = verified_client(manager)  # an advisor logs in with the second factor
    html = client.get(URL).content.decode()
    assert f'href="/portal/{draft.pk}/"' not in html
    assert "4 sager" in html


def test_the_list_takes_the_same_queries_however_many_cases(office, make_sent):
    client = office["client"]
    assert queries_for(client, URL) == QUERIES_PORTAL_LIST
    department = office["late"].department
    for _ in range(3):
        make_sent(datetime.date(2024, 4, 2), department=department)
    assert queries_for(client, URL) == QUERIES_PORTAL_LIST
    assert len(case_numbers(client.get(URL).content.decode())) == 7


QUERIES_PORTAL_LIST = 5
