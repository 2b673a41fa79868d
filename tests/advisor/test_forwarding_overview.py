"""The forwarding overview page, the inquiry list's and front page's "what it is about", and the
inquiry's timeline with its forwarding events, as the advisor meets them (issue 12)."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.forwarding.answers import forwarding_answer, forwarding_extend
from borgerraadgiver.forwarding.consents import consent_withdraw
from borgerraadgiver.forwarding.services import (
    forwarding_close,
    forwarding_follow_up,
    forwarding_mark_read,
)
from tests.factories import ContactFactory, DepartmentFactory
from tests.helpers import at, queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]

OVERVIEW = reverse("advisor:forwarding_overview")
SENT = datetime.date(2024, 3, 6)
# session, the lists' token (the office in the page header, the areas and departments to filter
# by, who manages a department, the user and the session's authenticator app, the menu's count
# of web-form submissions waiting and the office's closing days are kept: organisation.kept),
# the count, the page's ids, its rows, and the page's access-log rows
OVERVIEW_QUERIES = 6


def test_the_overview_runs_a_fixed_number_of_queries(make_sent, advisor_client):
    make_sent(SENT)
    few = queries_for(advisor_client, OVERVIEW)
    department = DepartmentFactory()
    for day in range(1, 30):
        make_sent(datetime.date(2024, 2, day), department=department)
    assert queries_for(advisor_client, OVERVIEW) == few == OVERVIEW_QUERIES
    assert queries_for(advisor_client, OVERVIEW + "?sort=-sent&page=2") == OVERVIEW_QUERIES


def test_the_overview_shows_what_each_case_is_about_and_links_it(make_sent, advisor_client):
    forwarding = make_sent(SENT)
    forwarding.inquiry.summary = "Borgeren venter stadig på en afgørelse om tabt arbejdsfortjeneste"
    forwarding.inquiry.save()
    page = advisor_client.get(OVERVIEW).content.decode()
    assert forwarding.inquiry.case_number in page
    assert reverse("advisor:forwarding_detail", args=[forwarding.pk]) in page
    assert "Borgeren venter stadig på en afgørelse" in page
    assert forwarding.department.name in page
    assert "Oversendelsessag" in page


def test_the_filters_are_a_plain_get_form_and_the_download_keeps_them(make_sent, advisor_client):
    waiting = make_sent(SENT)
    other = make_sent(SENT, department=DepartmentFactory())
    response = advisor_client.get(OVERVIEW, {"department": waiting.department_id})
    page = response.content.decode()
    assert 'method="get"' in page
    assert waiting.inquiry.case_number in page and other.inquiry.case_number not in page
    export = reverse("advisor:forwarding_overview_export", args=["csv"])
    assert f"{export}?department={waiting.department_id}" in page


def test_a_bad_filter_value_drops_only_that_filter(make_sent, advisor_client):
    waiting = make_sent(SENT)
    response = advisor_client.get(OVERVIEW, {"state": "nonsense", "deadline": "later"})
    assert response.status_code == 200
    assert waiting.inquiry.case_number not in response.content.decode()


def test_the_overview_is_logged_as_a_view_of_the_cases_shown(make_sent, advisor, advisor_client):
    forwarding = make_sent(SENT)
    advisor_client.get(OVERVIEW)
    entry = AccessLogEntry.objects.get(user=advisor, event=AccessEvent.INQUIRY_LIST_VIEWED)
    assert (entry.inquiry_id, entry.person_id) == (
        forwarding.inquiry_id,
        forwarding.inquiry.person_id,
    )


def test_the_download_is_logged_as_an_export(make_sent, advisor, advisor_client):
    forwarding = make_sent(SENT)
    response = advisor_client.get(reverse("advisor:forwarding_overview_export", args=["xlsx"]))
    assert response["Content-Disposition"].startswith('attachment; filename="oversendelser-')
    assert AccessLogEntry.objects.filter(
        user=advisor, event=AccessEvent.INQUIRIES_EXPORTED, inquiry_id=forwarding.inquiry_id
    ).exists()


def test_the_main_menu_leads_to_the_overview(advisor_client):
    assert f'href="{OVERVIEW}"' in advisor_client.get(reverse("advisor:home")).content.decode()


def test_the_inquiry_list_shows_what_it_is_about_and_the_nearest_deadline(
    make_sent, advisor_client
):
    forwarding = make_sent(SENT)
    forwarding.inquiry.summary = "Klage over manglende svar på ansøgning om støtte"
    forwarding.inquiry.save()
    page = advisor_client.get(reverse("advisor:inquiry_list")).content.decode()
    assert "Klage over manglende svar på ansøgning om støtte" in page
    assert f'datetime="{forwarding.deadline_date:%Y-%m-%d}"' in page


def test_the_front_page_says_what_each_case_is_about(make_sent, advisor_client):
    forwarding = make_sent(datetime.date.today() - datetime.timedelta(days=40))
    forwarding.inquiry.summary = "Mangler svar fra jobcentret om ressourceforløb"
    forwarding.inquiry.save()
    page = advisor_client.get(reverse("advisor:home")).content.decode()
    assert "Mangler svar fra jobcentret om ressourceforløb" in page


def test_the_timeline_shows_the_forwarding_events_in_date_order(
    make_sent, advisor, advisor_client, follow_up_action
):
    forwarding = make_sent(SENT)
    manager = forwarding.department.managers.get()
    inquiry = forwarding.inquiry
    ContactFactory(inquiry=inquiry, contact_date=datetime.date(2024, 3, 1), note="Første opkald")
    forwarding_extend(
        forwarding=forwarding,
        requested_by=manager,
        now=at(datetime.date(2024, 3, 20)),
        new_deadline_date=datetime.date(2024, 4, 10),
        reason="Vi venter på en udtalelse",
        citizen_informed=True,
    )
    forwarding_answer(
        forwarding=forwarding,
        answered_by=manager,
        now=at(datetime.date(2024, 4, 4)),
        answer_text="Svar",
    )
    forwarding_mark_read(forwarding=forwarding, read_by=advisor, now=at(datetime.date(2024, 4, 5)))
    forwarding_follow_up(
        forwarding=forwarding, asked_by=advisor, now=at(datetime.date(2024, 4, 8)), text="Hvorfor?"
    )
    forwarding_answer(
        forwarding=forwarding,
        answered_by=manager,
        now=at(datetime.date(2024, 4, 9)),
        answer_text="Derfor",
    )
    forwarding_mark_read(
        forwarding=forwarding, read_by=advisor, now=at(datetime.date(2024, 4, 9), 14)
    )
    forwarding_close(
        forwarding=forwarding,
        closed_by=advisor,
        now=at(datetime.date(2024, 4, 11)),
        outcome="apology",
    )
    consent_withdraw(
        consent=inquiry.consents.get(),
        withdrawn_by=advisor,
        now=at(datetime.date(2024, 4, 12)),
        withdrawn_date=datetime.date(2024, 4, 12),
        note="",
    )
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content.decode()
    start = page.index('<ol class="timeline">')
    timeline = page[start : page.index("</ol>", start)]
    titles = [
        "Første kontakt",
        "Samtykke til oversendelse givet",
        f"Oversendelsessag sendt til {forwarding.department.name}",
        "Afdelingen bad om en senere svarfrist",
        "Uddybende spørgsmål til afdelingen",  # 8 April
        f"Svar modtaget fra {forwarding.department.name}",  # the latest answer, 9 April
        "Svaret læst",
        "Oversendelsessag afsluttet",
        "Samtykke trukket tilbage",
    ]
    positions = [timeline.index(title) for title in titles]
    assert positions == sorted(positions)
    assert timeline.count("Uddybende spørgsmål") == 1  # the counted action is shown once


def test_the_inquiry_page_with_forwardings_runs_a_fixed_number_of_queries(
    make_sent, advisor, advisor_client, follow_up_action
):
    forwarding = make_sent(SENT)
    url = reverse("advisor:inquiry_detail", args=[forwarding.inquiry_id])
    few = queries_for(advisor_client, url)
    manager = forwarding.department.managers.get()
    for day in (20, 21):
        if day == 21:
            # The first follow-up question is a counted action: the actions' list has a row now
            # and is read, one query however many follow.
            assert queries_for(advisor_client, url) == few + 1
        forwarding_answer(
            forwarding=forwarding,
            answered_by=manager,
            now=at(datetime.date(2024, 3, day)),
            answer_text="Svar",
        )
        forwarding_follow_up(
            forwarding=forwarding, asked_by=advisor, now=at(datetime.date(2024, 3, day)), text="?"
        )
    forwarding_extend(
        forwarding=forwarding,
        requested_by=manager,
        now=at(datetime.date(2024, 3, 22)),
        new_deadline_date=datetime.date(2024, 5, 1),
        reason="Travlt",
        citizen_informed=True,
    )
    assert queries_for(advisor_client, url) == few + 1
