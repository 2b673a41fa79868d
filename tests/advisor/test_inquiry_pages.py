"""The advisor's pages as a user meets them: what they show, what they keep, what they cost."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.selectors import inquiry_get
from borgerraadgiver.organisation.models import Reason
from tests.factories import (
    ActionFactory,
    ContactFactory,
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    PersonFactory,
    ReasonFactory,
)
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db

LIST = reverse("advisor:inquiry_list")
# An inquiry's page with its reasons and contacts and nothing in its other lists: session, the
# lists' token (the office, the action form's list, who manages a department, the user and its
# second factor and the menu's count of web-form submissions waiting are kept by the process:
# organisation.kept), the inquiry (which asks whether each list has rows and names its reasons,
# whose rows the process keeps too), its contacts, the access-log row. +1 for each of the lists
# of actions, changes, documents (+1 their files), notes, consents, declines, forwardings (+
# their later dates and questions), letters and web-form submissions that has rows, however many
# (tests/advisor/test_case_file_pages.py, test_forwarding_overview.py); no query for an empty
# one (issue 18).
DETAIL_QUERIES = 5
REGISTER = reverse("advisor:inquiry_register")


def make_inquiries(count: int, **kwargs) -> list[Inquiry]:
    department = kwargs.pop("department", None) or DepartmentFactory()
    reasons = [ReasonFactory(name="Manglende svar"), ReasonFactory(name="Afgørelse")]
    made = []
    for _ in range(count):
        inquiry = InquiryFactory(department=department, reasons=reasons, **kwargs)
        ContactFactory(inquiry=inquiry)
        made.append(inquiry)
    return made


@pytest.mark.parametrize(
    "query", ["", "?q=Prøvesen", "?status=open&sort=area", "?year=2024&page=2"]
)
def test_list_runs_the_same_number_of_queries_for_3_or_60_inquiries(advisor_client, query):
    make_inquiries(3)
    few = queries_for(advisor_client, LIST + query)
    make_inquiries(57)
    many = queries_for(advisor_client, LIST + query)
    assert few == many
    assert many <= 15


def test_list_page_query_count_is_fixed(advisor_client):
    make_inquiries(60)
    # session, first and last year (one query on PostgreSQL, two on SQLite, whose MIN and MAX
    # together scan), count, page ids, page rows (with their reasons' ids), the lists' token
    # (the office, the four filter lists and the reasons' names, who manages a department, the
    # user and the session's authenticator app and the menu's count of web-form submissions
    # waiting are kept by the process: organisation.kept), and the access-log rows of the page
    assert queries_for(advisor_client, LIST) == (7 if connection.vendor == "postgresql" else 8)


def test_the_year_filter_offers_every_year_from_the_newest_inquiry_to_the_oldest(
    advisor_client,
):
    for year in (2021, 2024, 2019):
        InquiryFactory(received_date=datetime.date(year, 6, 1))
    page = advisor_client.get(LIST).content.decode()
    offered = re.findall(r'<option value="(\d{4})"', page)
    assert offered == ["2024", "2023", "2022", "2021", "2020", "2019"]


def test_the_year_filter_offers_no_year_while_the_register_is_empty(advisor_client):
    page = advisor_client.get(LIST).content.decode()
    assert not re.findall(r'<option value="(\d{4})"', page)


def test_the_inquiry_page_shows_its_reasons_in_the_databases_order_of_their_names(
    advisor_client, advisor
):
    """As the page always has (its reasons were `order_by("name")`; now the kept rows'), the
    Danish letters by the database's collation, whatever order they were made and chosen in."""
    names = ["Økonomi", "Vejledning", "Ændret praksis", "Afgørelse", "Åbenhed"]
    made = [ReasonFactory(name=name) for name in names]
    inquiry = InquiryFactory()
    inquiry.reasons.set(reversed(made))
    ordered = list(
        Reason.objects.filter(pk__in=[r.pk for r in made])
        .order_by("name")
        .values_list("name", flat=True)
    )
    got = inquiry_get(user=advisor, pk=inquiry.pk)
    assert [reason.name for reason in got.reasons.all()] == ordered
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert f"<dd>{'; '.join(ordered)}</dd>" in page.content.decode()


def test_detail_reads_each_list_once_however_many_rows_and_an_empty_one_not_at_all(
    advisor_client,
):
    inquiry = InquiryFactory()
    ContactFactory(inquiry=inquiry)
    url = reverse("advisor:inquiry_detail", args=[inquiry.pk])
    few = queries_for(advisor_client, url)
    assert few == DETAIL_QUERIES
    for day in range(2, 13):
        ContactFactory(inquiry=inquiry, contact_date=datetime.date(2024, 3, day))
    assert queries_for(advisor_client, url) == few
    inquiry.actions.create(action=ActionFactory(), action_date=datetime.date(2024, 3, 5))
    assert queries_for(advisor_client, url) == few + 1  # the actions' list now has a row
    for day in range(6, 10):
        inquiry.actions.create(action=ActionFactory(), action_date=datetime.date(2024, 3, day))
    assert queries_for(advisor_client, url) == few + 1


def test_the_consent_of_an_inquiry_registered_together_shows_on_the_others_page(
    advisor_client, advisor
):
    group = uuid.uuid4()
    first = InquiryFactory(registration_group=group)
    second = InquiryFactory(registration_group=group, person=first.person)
    consent_record(
        inquiry=first,
        recorded_by=advisor,
        now=timezone.now(),
        given_by="Mette Prøvesen",
        given_date=first.received_date,
        method="phone",
    )
    # The second inquiry has no consent of its own; the first's covers it (rule 1).
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[second.pk]))
    assert page.context["consent_in_force"] is not None
    assert "Mette Prøvesen" in page.content.decode()


def test_list_search_finds_by_name_case_number_and_summary(advisor_client):
    wanted = InquiryFactory(person=PersonFactory(name="Mette Prøvesen"), summary="Skoleskift")
    other = InquiryFactory(person=PersonFactory(name="Bo Eksempelsen"), summary="Hjemmehjælp")

    for term in ("prøvesen", wanted.case_number, "skoleskift"):
        content = advisor_client.get(LIST, {"q": term}).content.decode()
        assert wanted.case_number in content
        assert other.case_number not in content


def test_a_search_is_logged_with_its_terms(advisor_client, advisor):
    wanted = InquiryFactory(person=PersonFactory(name="Mette Prøvesen"))
    advisor_client.get(LIST, {"q": "Prøvesen"})
    entry = AccessLogEntry.objects.get(action="search")
    assert (entry.user, entry.detail, entry.inquiry_id) == (advisor, "Prøvesen", wanted.pk)


def test_list_filters_by_department_reason_handling_status_and_year(advisor_client):
    school = DepartmentFactory(name="Skole")
    reason = ReasonFactory(name="Personalets optræden")
    dialogue = HandlingTypeFactory(name="Dialogsag", kind="dialogue")
    match = InquiryFactory(
        department=school,
        reasons=[reason],
        handling_type=dialogue,
        received_date=datetime.date(2023, 5, 1),
        status="closed",
        closed_date=datetime.date(2023, 6, 1),
    )
    near_misses = [
        InquiryFactory(
            reasons=[reason], handling_type=dialogue, received_date=datetime.date(2023, 5, 1)
        ),
        InquiryFactory(
            department=school, handling_type=dialogue, received_date=datetime.date(2023, 5, 1)
        ),
        InquiryFactory(
            department=school, reasons=[reason], received_date=datetime.date(2023, 5, 1)
        ),
        InquiryFactory(department=school, reasons=[reason], handling_type=dialogue),
    ]
    response = advisor_client.get(
        LIST,
        {
            "department": school.pk,
            "area": school.area_id,
            "reason": reason.pk,
            "handling": dialogue.pk,
            "year": 2023,
            "status": "closed",
        },
    )
    content = response.content.decode()
    assert match.case_number in content
    for other in near_misses:
        assert other.case_number not in content
    assert response.context["page"].paginator.count == 1


def test_list_sorts_by_received_date_both_ways(advisor_client):
    old = InquiryFactory(received_date=datetime.date(2023, 1, 5))
    new = InquiryFactory(received_date=datetime.date(2024, 9, 5))
    newest_first = advisor_client.get(LIST).context["page"].object_list
    assert [i.pk for i in newest_first] == [new.pk, old.pk]
    oldest_first = advisor_client.get(LIST, {"sort": "received"}).context["page"].object_list
    assert [i.pk for i in oldest_first] == [old.pk, new.pk]


def test_list_paginates(advisor_client, settings):
    settings.INQUIRY_LIST_PAGE_SIZE = 5
    make_inquiries(12)
    page = advisor_client.get(LIST, {"page": 3}).context["page"]
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (3, 3, 2)


@pytest.fixture
def organisation():
    school = DepartmentFactory(name="Skole")
    return {
        "school": school,
        "family": DepartmentFactory(name="Børn og Familie", area=school.area),
        "reason": ReasonFactory(name="Manglende svar"),
        "handling": HandlingTypeFactory(),
    }


def registration(organisation, **overrides):
    data = {
        "complainant_kind": "citizen",
        "person_name": "Mette Prøvesen",
        "person_phone": "12 34 56 78",
        "person_email": "",
        "person_address": "",
        "received_date": "2024-03-04",
        "channel": "phone",
        "department": f"d{organisation['school'].pk}",
        "reasons": [organisation["reason"].pk],
        "handling_type": organisation["handling"].pk,
        "summary": "Har ikke fået svar på sin ansøgning",
    }
    data.update(overrides)
    return data


def test_registering_from_the_page_creates_the_inquiry_and_shows_it(advisor_client, organisation):
    response = advisor_client.post(REGISTER, registration(organisation), follow=True)
    inquiry = Inquiry.objects.get()
    assert response.redirect_chain[-1][0] == reverse("advisor:inquiry_detail", args=[inquiry.pk])
    assert inquiry.person.name == "Mette Prøvesen"
    assert inquiry.department == organisation["school"]
    assert inquiry.case_number in response.content.decode()


def test_a_failed_registration_keeps_what_was_typed_and_names_the_field(
    advisor_client, organisation
):
    response = advisor_client.post(REGISTER, registration(organisation, reasons=[]))
    assert response.status_code == 200
    assert Inquiry.objects.count() == 0
    form = response.context["form"]
    assert list(form.errors) == ["reasons"]
    content = response.content.decode()
    assert 'value="Mette Prøvesen"' in content
    assert "Har ikke fået svar på sin ansøgning</textarea>" in content
    assert 'aria-invalid="true"' in content


def test_two_departments_from_the_page_give_two_linked_inquiries(advisor_client, organisation):
    advisor_client.post(
        REGISTER,
        registration(organisation, other_departments=[f"d{organisation['family'].pk}"]),
    )
    first, second = Inquiry.objects.order_by("pk")
    assert first.registration_group == second.registration_group is not None
    detail = advisor_client.get(reverse("advisor:inquiry_detail", args=[first.pk])).content.decode()
    assert second.case_number in detail


def test_a_known_person_is_offered_their_open_inquiries_before_anything_is_saved(
    advisor_client, organisation
):
    advisor_client.post(REGISTER, registration(organisation))
    existing = Inquiry.objects.get()

    response = advisor_client.post(REGISTER, registration(organisation, summary="Igen"))

    assert Inquiry.objects.count() == 1
    content = response.content.decode()
    assert f'value="inquiry-{existing.pk}"' in content
    assert f'value="person-{existing.person_id}"' in content


def test_a_repeat_contact_chosen_on_the_page_is_added_to_the_existing_inquiry(
    advisor_client, organisation
):
    advisor_client.post(REGISTER, registration(organisation))
    existing = Inquiry.objects.get()

    advisor_client.post(
        REGISTER,
        registration(
            organisation,
            summary="Ringer igen om det samme",
            received_date="2024-03-10",
            matches_shown="on",
            registration=f"inquiry-{existing.pk}",
        ),
    )

    assert Inquiry.objects.count() == 1
    assert list(existing.contacts.values_list("contact_date", "note")) == [
        (datetime.date(2024, 3, 4), ""),
        (datetime.date(2024, 3, 10), "Ringer igen om det samme"),
    ]


def test_a_new_subject_for_a_known_person_is_a_new_inquiry_on_the_same_person(
    advisor_client, organisation
):
    advisor_client.post(REGISTER, registration(organisation))
    existing = Inquiry.objects.get()
    advisor_client.post(
        REGISTER,
        registration(
            organisation,
            department=f"d{organisation['family'].pk}",
            matches_shown="on",
            registration=f"person-{existing.person_id}",
        ),
    )
    assert Inquiry.objects.count() == 2
    assert Inquiry.objects.filter(person=existing.person).count() == 2


def test_the_registration_page_runs_a_fixed_number_of_queries(advisor_client, organisation):
    def queries(data=None) -> int:
        advisor_client.get(REGISTER)  # the office's lists kept (organisation.kept)
        with CaptureQueriesContext(connection) as captured:
            response = advisor_client.post(REGISTER, data) if data else advisor_client.get(REGISTER)
        assert response.status_code in (200, 302)
        return len(captured)

    # session, the lists' token (the office, and the areas, departments, handling types,
    # referral bodies, referral sources, reasons and counted actions to choose from, who manages
    # a department, the user and the session's authenticator app, and the menu's count of
    # web-form submissions waiting, are kept by the process: organisation.kept)
    assert queries() == 2
    advisor_client.post(REGISTER, registration(organisation))  # the year's counter made
    existing = Inquiry.objects.get()
    # ... and whether anyone matches, the people typed, their open inquiries, and the access-log
    # rows of the look-up
    assert queries({**registration(organisation), "find_person": "1"}) == 6
    # a repeat contact: session, the look-up (not shown again, so not logged), the lists' token
    # (the lists to choose from and the department, reasons and handling posted are checked
    # against them; the user and its app are kept), then the contact and its log row in the
    # services' transactions (savepoints in a test)
    chosen = {"matches_shown": "on", "registration": f"inquiry-{existing.pk}"}
    assert queries(registration(organisation, **chosen)) == 13
    assert existing.contacts.count() == 2
    # a new inquiry for someone no one matches: session, whether anyone matches (no one: the
    # people's query with their open inquiries is not built), the lists' token (what was posted
    # is checked against the kept lists; the user and its app are kept); then in one transaction
    # the form's token, the person and its log row, the inquiry (its check constraints are not
    # asked of the database first: three queries, each in a savepoint), its reasons, its first
    # contact and its log row, and last of all its case number (the year's counter locked and
    # advanced in one statement, the numbers taken, the number written)
    nobody = registration(organisation, person_name="Jens Nyborg", person_phone="87 65 43 21")
    assert queries(nobody) == 17
    # for a new person beside the matches shown: the people who match and their open inquiries
    # read too
    new = {"matches_shown": "on", "registration": "new", "person_name": "Ole Nyborg"}
    assert queries(registration(organisation, **new)) == 19
    assert Inquiry.objects.filter(person__name__endswith="Nyborg").count() == 2


def test_when_matches_are_shown_a_choice_is_required(advisor_client, organisation):
    advisor_client.post(REGISTER, registration(organisation))
    response = advisor_client.post(REGISTER, registration(organisation, matches_shown="on"))
    assert "registration" in response.context["form"].errors
    assert Inquiry.objects.count() == 1


def test_editing_from_the_page_is_shown_in_the_change_record(advisor_client, advisor):
    inquiry = InquiryFactory(summary="Før")
    url = reverse("advisor:inquiry_edit", args=[inquiry.pk])
    form = advisor_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["reasons"] = [r.pk for r in inquiry.reasons.all()]
    data["summary"] = "Efter"
    data["received_date"] = "2024-03-01"
    data = {k: v for k, v in data.items() if v is not None}

    response = advisor_client.post(url, data, follow=True)

    content = response.content.decode()
    assert "Efter" in content
    change = inquiry.changes.get()
    assert (change.field, change.old_value, change.new_value, change.changed_by) == (
        "summary",
        "Før",
        "Efter",
        advisor,
    )


def test_adding_a_contact_from_the_detail_page(advisor_client):
    inquiry = InquiryFactory()
    ContactFactory(inquiry=inquiry)
    url = reverse("advisor:contact_add", args=[inquiry.pk])
    advisor_client.post(url, {"contact_date": "2024-03-05", "kind": "meeting", "note": "Møde"})
    assert inquiry.contacts.count() == 2
    assert Inquiry.objects.count() == 1


def test_viewing_an_inquiry_is_logged(advisor_client, advisor):
    inquiry = InquiryFactory()
    advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert (
        AccessLogEntry.objects.filter(
            action="view", inquiry_id=inquiry.pk, person_id=inquiry.person_id, user=advisor
        ).count()
        == 1
    )


def test_closing_and_reopening_from_the_detail_page(advisor_client):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    advisor_client.post(
        reverse("advisor:inquiry_close", args=[inquiry.pk]), {"closed_date": "2024-03-15"}
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.closed_date) == ("closed", datetime.date(2024, 3, 15))
    advisor_client.post(reverse("advisor:inquiry_reopen", args=[inquiry.pk]))
    inquiry.refresh_from_db()
    assert inquiry.status == "open"


def test_a_closing_date_before_received_is_shown_next_to_the_field(advisor_client):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    response = advisor_client.post(
        reverse("advisor:inquiry_close", args=[inquiry.pk]), {"closed_date": "2024-02-01"}
    )
    assert response.status_code == 400
    assert "closed_date" in response.context["close_form"].errors
    assert 'value="2024-02-01"' in response.content.decode()


def test_adding_a_counted_action_from_the_detail_page(advisor_client):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    meeting = ActionFactory()
    advisor_client.post(
        reverse("advisor:action_add", args=[inquiry.pk]),
        {"action-action": meeting.pk, "action-action_date": "2024-03-08", "action-note": "Møde"},
    )
    assert list(inquiry.actions.values_list("action", "action_date", "note")) == [
        (meeting.pk, datetime.date(2024, 3, 8), "Møde")
    ]


@pytest.mark.parametrize("term", ["ørsted", "ØRSTED", "Ærø"])
def test_search_ignores_case_in_danish_letters(advisor_client, term):
    wanted = InquiryFactory(person=PersonFactory(name="Åse Ørsted"), summary="Flytning til Ærø")
    content = advisor_client.get(LIST, {"q": term}).content.decode()
    assert wanted.case_number in content


def test_list_sorts_by_area_and_department_as_the_organisation_orders_them(advisor_client):
    first_area = DepartmentFactory(area__name="Læring", area__sort_order=1, name="Skole")
    second_area = DepartmentFactory(
        area__name="Beskæftigelse", area__sort_order=2, name="Jobcenter"
    )
    later = InquiryFactory(department=second_area, received_date=datetime.date(2024, 9, 1))
    earlier = InquiryFactory(department=first_area, received_date=datetime.date(2024, 1, 1))
    ascending = advisor_client.get(LIST, {"sort": "area"}).context["page"].object_list
    assert [i.pk for i in ascending] == [earlier.pk, later.pk]
    descending = advisor_client.get(LIST, {"sort": "-area"}).context["page"].object_list
    assert [i.pk for i in descending] == [later.pk, earlier.pk]


def test_a_repeat_contact_keeps_the_ticked_counted_actions(advisor_client, organisation):
    advisor_client.post(REGISTER, registration(organisation))
    existing = Inquiry.objects.get()
    meeting = ActionFactory()
    advisor_client.post(
        REGISTER,
        registration(
            organisation,
            matches_shown="on",
            registration=f"inquiry-{existing.pk}",
            actions=[meeting.pk],
        ),
    )
    assert [a.action for a in existing.actions.all()] == [meeting]


def test_a_repeat_contact_about_other_departments_too_is_refused_next_to_the_field(
    advisor_client, organisation
):
    advisor_client.post(REGISTER, registration(organisation))
    existing = Inquiry.objects.get()
    response = advisor_client.post(
        REGISTER,
        registration(
            organisation,
            matches_shown="on",
            registration=f"inquiry-{existing.pk}",
            other_departments=[f"d{organisation['family'].pk}"],
        ),
    )
    assert "other_departments" in response.context["form"].errors
    assert existing.contacts.count() == 1
    assert Inquiry.objects.count() == 1


def test_contact_details_typed_for_a_known_person_are_added(advisor_client, organisation):
    advisor_client.post(REGISTER, registration(organisation, person_email=""))
    existing = Inquiry.objects.get()
    advisor_client.post(
        REGISTER,
        registration(
            organisation,
            person_email="mette@example.com",
            matches_shown="on",
            registration=f"person-{existing.person_id}",
        ),
    )
    existing.person.refresh_from_db()
    assert existing.person.email == "mette@example.com"
    assert Inquiry.objects.filter(person=existing.person).count() == 2


def test_finding_a_person_is_logged_with_the_terms(advisor_client, advisor, organisation):
    advisor_client.post(REGISTER, registration(organisation))
    advisor_client.post(REGISTER, {**registration(organisation), "find_person": "1"})
    entry = AccessLogEntry.objects.filter(action="search").get()
    assert entry.user == advisor
    assert "Mette Prøvesen" in entry.detail


def test_a_search_without_hits_is_logged_too(advisor_client, advisor):
    advisor_client.get(LIST, {"q": "ingen-findes"})
    entry = AccessLogEntry.objects.get(action="search")
    assert (entry.detail, entry.inquiry_id) == ("ingen-findes", None)


def test_a_bad_filter_value_keeps_the_other_filters(advisor_client):
    wanted = InquiryFactory(person=PersonFactory(name="Mette Prøvesen"))
    InquiryFactory(person=PersonFactory(name="Bo Eksempelsen"))
    response = advisor_client.get(LIST, {"q": "Prøvesen", "year": "1999"})
    assert [i.pk for i in response.context["page"].object_list] == [wanted.pk]
