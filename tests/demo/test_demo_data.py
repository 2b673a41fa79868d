"""The demo data set reproduces the 2024 annual report, counted the way the report counts.

Expected values are the published figures (DOMAIN.md, "The 2024 figures"), typed in here; the
actual values are ORM aggregates over the registrations, never the generator's own tables.
The demo is loaded once for the run and restored for the module (`demo_register` in
tests/conftest.py), in a transaction rolled back at the end; the tests about loading it load it.
"""

import datetime
import io
from collections import Counter, defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, QuerySet
from django.utils import translation

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.demo.current_cases import CASES as CURRENT_CASES
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import (
    ComplainantKind,
    Contact,
    Inquiry,
    InquiryAction,
    Person,
)
from borgerraadgiver.organisation.models import Department, HandlingType, Office

LAERING = "Læring"
BESKAEFTIGELSE = "Beskæftigelse"
SOCIAL_OMSORG = "Social Omsorg"
VTF = "Vækst, Teknik & Fællesskab"
KOMMUNALDIREKTOER = "Kommunaldirektørens område"
GENERAL = "Borgerrådgiverfunktionen / kommunen generelt"
OUTSIDE = "Udenfor kompetence"

# The report's short labels, as the reasons are named in the register.
SAGSBEHANDLINGEN = "Spørgsmål til sagsbehandlingen"
PROCEDURE = "Spørgsmål til sagsbehandlingsprocedure"
SAGSBEHANDLINGSTID = "Spørgsmål om sagsbehandlingstid"
INDDRAGELSE = "Manglende inddragelse"
UTILSTRAEKKELIG_STOETTE = "Utilstrækkelig støtte"
AFGOERELSE = "Spørgsmål til afgørelse"
MANGLENDE_SVAR = "Manglende svar"
UDFOERSEL = "Manglende udførsel af støtte"
PERSONALETS_OPTRAEDEN = "Personalets optræden"
PERSONFOELSOMME = "Personfølsomme oplysninger"
SAGSBEHANDLERSKIFTE = "Ønske om sagsbehandlerskifte"
ORIENTERING = "Manglende orientering"
MANGLENDE_AFGOERELSE = "Manglende afgørelse"
LANG_SAGSBEHANDLINGSTID = "Lang sagsbehandlingstid"
HELHEDSORIENTERET = "Manglende helhedsorienteret indsats"
STOETTEMULIGHEDER = "Ønske om afklaring af støttemuligheder"
MANGLENDE_VEJLEDNING = "Manglende råd og vejledning"

PUBLISHED_AREAS_2024 = {
    LAERING: 122,
    BESKAEFTIGELSE: 74,
    SOCIAL_OMSORG: 37,
    VTF: 14,
    GENERAL: 5,
    OUTSIDE: 4,
    KOMMUNALDIREKTOER: 1,
}
PUBLISHED_DEPARTMENTS_2024 = {
    LAERING: {"Børn og Familie": 108, "Skole": 7, "Dagtilbud": 6, "PPR": 1},
    BESKAEFTIGELSE: {
        "Jobcenter": 45,
        "Borgerservice": 19,
        "Ungeenheden": 9,
        "Rusmiddelcenter og Socialpsykiatri": 1,
    },
    SOCIAL_OMSORG: {"Voksenhandicap": 21, "Sundhed og Ældre": 16},
}
# answered by the advisor alone, dialogue, forwarded
PUBLISHED_HANDLING_2024 = {
    LAERING: (89, 9, 9),
    BESKAEFTIGELSE: (61, 1, 3),
    SOCIAL_OMSORG: (25, 5, 3),
    VTF: (7, 2, 3),
    # "How to count": the 189 include the 4 outside competence and 3 of the 5 about the
    # function itself; the 36 involved include one forwarded complaint in the director's area.
    OUTSIDE: (4, 0, 0),
    GENERAL: (3, 0, 0),
    KOMMUNALDIREKTOER: (0, 0, 1),
}
# The report lists only the main advice-only reasons per area.
PUBLISHED_ADVICE_REASONS_2024 = {
    LAERING: {
        SAGSBEHANDLINGEN: 15,
        PROCEDURE: 9,
        SAGSBEHANDLINGSTID: 9,
        INDDRAGELSE: 8,
        UTILSTRAEKKELIG_STOETTE: 7,
        AFGOERELSE: 6,
    },
    BESKAEFTIGELSE: {SAGSBEHANDLINGEN: 15, PROCEDURE: 9, AFGOERELSE: 6, INDDRAGELSE: 6},
    SOCIAL_OMSORG: {SAGSBEHANDLINGEN: 9, AFGOERELSE: 4, PROCEDURE: 3},
}
# The involved-reason lists are complete: each adds up to the area's dialogue + forwarded.
PUBLISHED_INVOLVED_REASONS_2024 = {
    LAERING: {
        UTILSTRAEKKELIG_STOETTE: 3,
        MANGLENDE_SVAR: 3,
        UDFOERSEL: 2,
        PERSONALETS_OPTRAEDEN: 2,
        SAGSBEHANDLINGEN: 2,
        PERSONFOELSOMME: 1,
        SAGSBEHANDLERSKIFTE: 1,
        ORIENTERING: 1,
        INDDRAGELSE: 1,
        MANGLENDE_AFGOERELSE: 1,
        LANG_SAGSBEHANDLINGSTID: 1,
    },
    BESKAEFTIGELSE: {MANGLENDE_SVAR: 1, INDDRAGELSE: 1, SAGSBEHANDLINGEN: 1, HELHEDSORIENTERET: 1},
    SOCIAL_OMSORG: {
        HELHEDSORIENTERET: 2,
        MANGLENDE_SVAR: 2,
        PERSONFOELSOMME: 2,
        STOETTEMULIGHEDER: 1,
        ORIENTERING: 1,
    },
    VTF: {MANGLENDE_SVAR: 3, MANGLENDE_VEJLEDNING: 1, LANG_SAGSBEHANDLINGSTID: 1},
}
# Figure 2: every inquiry's main handling.
PUBLISHED_FIGURE_2 = {
    "Råd og vejledning": 189,
    "Dialogsag": 17,
    "Oversendelsessag": 19,
    "Deltaget i borgers møde med forvaltningen": 16,
    "Hjælp til klage over afgørelse": 6,
    "Hjælp til ansøgning": 3,
    "Anden behandling": 7,
}
PUBLISHED_ACTIONS_2024 = {
    "Deltaget i borgers møde med forvaltningen": 16,
    "Hjulpet med klage over afgørelse": 6,
    "Hjulpet med ansøgning": 3,
    "Uddybende spørgsmål til forvaltningens svar": 2,
}

ADVICE = HandlingType.Kind.ADVICE
INVOLVED = Q(handling_type__kind__in=[HandlingType.Kind.DIALOGUE, HandlingType.Kind.FORWARDED])


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_register")]


def received_in(year: int) -> QuerySet[Inquiry]:
    return Inquiry.objects.filter(received_date__year=year)


def count_by(queryset: QuerySet[Inquiry], *fields: str) -> dict:
    """Inquiries per value of `fields` (a tuple key when there are several)."""
    rows = queryset.values(*fields).annotate(count=Count("id", distinct=True)).order_by()
    return {
        row[fields[0]] if len(fields) == 1 else tuple(row[f] for f in fields): row["count"]
        for row in rows
    }


def reasons_in(queryset: QuerySet[Inquiry], area: str) -> dict[str, int]:
    return count_by(queryset.filter(area__name=area), "reasons__name")


def reasons_in_year(queryset: QuerySet[Inquiry]) -> dict[str, int]:
    return count_by(queryset, "reasons__name")


def assert_areas_and_departments_as_published() -> None:
    year = received_in(2024)
    assert year.count() == 257
    assert count_by(year, "area__name") == PUBLISHED_AREAS_2024

    by_department = count_by(year, "area__name", "department__name")
    for area, departments in PUBLISHED_DEPARTMENTS_2024.items():
        actual = {dep: n for (a, dep), n in by_department.items() if a == area}
        assert actual == departments, area
    # The report does not break VTF down: the demo's departments just have to hold all 14.
    vtf = {dep: n for (a, dep), n in by_department.items() if a == VTF}
    assert None not in vtf
    assert sum(vtf.values()) == 14


def assert_handling_as_published() -> None:
    year = received_in(2024)
    by_kind = count_by(year, "area__name", "handling_type__kind")
    for area, (advice, dialogue, forwarded) in PUBLISHED_HANDLING_2024.items():
        assert by_kind.get((area, ADVICE), 0) == advice, area
        assert by_kind.get((area, HandlingType.Kind.DIALOGUE), 0) == dialogue, area
        assert by_kind.get((area, HandlingType.Kind.FORWARDED), 0) == forwarded, area
    assert count_by(year, "handling_type__name") == PUBLISHED_FIGURE_2
    assert year.filter(handling_type__kind=ADVICE).count() == 189
    assert year.filter(INVOLVED).count() == 36


def assert_reasons_per_area_as_published() -> None:
    advice_only = received_in(2024).filter(handling_type__kind=ADVICE)
    for area, reasons in PUBLISHED_ADVICE_REASONS_2024.items():
        actual = reasons_in(advice_only, area)
        assert {name: actual.get(name, 0) for name in reasons} == reasons, area

    involved = received_in(2024).filter(INVOLVED)
    for area, reasons in PUBLISHED_INVOLVED_REASONS_2024.items():
        assert reasons_in(involved, area) == reasons, area
    # Not printed per area, but the year's list has 3 "manglende inddragelse" where the areas'
    # lists have 2: the third is the forwarded complaint in the director's area.
    assert reasons_in(involved, KOMMUNALDIREKTOER) == {INDDRAGELSE: 1}


def assert_actions_as_published() -> None:
    actions = InquiryAction.objects.filter(inquiry__received_date__year=2024)
    assert (
        dict(actions.values_list("action__name").annotate(count=Count("id")).order_by())
        == PUBLISHED_ACTIONS_2024
    )


def test_2024_areas_and_departments_are_as_published():
    assert_areas_and_departments_as_published()


def test_2024_handling_per_area_and_figure_2_are_as_published():
    assert_handling_as_published()


def test_2024_reasons_per_area_are_as_published():
    assert_reasons_per_area_as_published()


def test_2024_meetings_complaints_applications_and_follow_up_questions_are_as_published():
    assert_actions_as_published()


def test_2023_has_last_years_total_all_closed():
    assert received_in(2023).count() == 115
    assert not received_in(2023).open().exists()


def test_whole_year_advice_only_reasons_add_up_from_the_areas():
    counts = reasons_in_year(received_in(2024).filter(handling_type__kind=ADVICE))
    assert counts[SAGSBEHANDLINGEN] == 39
    assert counts[PROCEDURE] == 25
    assert counts[INDDRAGELSE] == 16
    assert counts[UTILSTRAEKKELIG_STOETTE] == 8
    # The year's list prints 13, but the areas' lists give 6 + 6 + 4: the registrations can
    # only sum to the latter (DOMAIN.md, "How to count").
    assert counts[AFGOERELSE] == 6 + 6 + 4


def test_whole_year_involved_reasons_are_the_sum_of_the_areas():
    # The printed year's list differs from the areas' lists: it has manglende afgørelse 2 (areas:
    # 1), lang sagsbehandlingstid 1 (areas: 2), and "ønske om råd og vejledning" where Social
    # Omsorg lists "afklaring af støttemuligheder". The registrations can only give the areas' sum.
    counts = reasons_in_year(received_in(2024).filter(INVOLVED))
    expected = sum(
        (Counter(reasons) for reasons in PUBLISHED_INVOLVED_REASONS_2024.values()),
        Counter({INDDRAGELSE: 1}),  # the forwarded complaint in the director's area
    )
    assert counts == dict(expected)
    assert counts[MANGLENDE_SVAR] == 9  # the report's "primary reason" when departments were asked


def test_social_omsorg_had_one_meeting_one_complaint_and_one_application():
    actions = InquiryAction.objects.filter(
        inquiry__received_date__year=2024, inquiry__area__name=SOCIAL_OMSORG
    )
    assert dict(actions.values_list("action__name").annotate(n=Count("id")).order_by()) == {
        "Deltaget i borgers møde med forvaltningen": 1,
        "Hjulpet med klage over afgørelse": 1,
        "Hjulpet med ansøgning": 1,
    }


def test_outside_competence_inquiries_name_where_the_citizen_was_referred():
    outside = received_in(2024).filter(area__name=OUTSIDE)
    assert not outside.filter(referral_body=None).exists()
    assert not received_in(2024).exclude(area__name=OUTSIDE).exclude(referral_body=None).exists()


def test_2023_reports_under_the_name_the_childrens_department_had_then():
    assert received_in(2023).filter(department__name="Familieafdelingen").count() > 0
    assert not received_in(2023).filter(department__name="Børn og Familie").exists()
    assert not received_in(2024).filter(department__name="Familieafdelingen").exists()
    old = Department.objects.get(name="Familieafdelingen")
    assert old.valid_to == datetime.date(2023, 12, 31)
    assert old.successor is not None and old.successor.name == "Børn og Familie"
    assert old.successor.valid_from == datetime.date(2024, 1, 1)


def test_anonymous_inquiries_have_no_person_and_the_others_have_one():
    anonymous = received_in(2024).filter(complainant_kind=ComplainantKind.ANONYMOUS)
    assert 0.04 * 257 <= anonymous.count() <= 0.12 * 257
    assert not Inquiry.objects.filter(
        complainant_kind=ComplainantKind.ANONYMOUS, person__isnull=False
    ).exists()
    assert (
        not Inquiry.objects.exclude(complainant_kind=ComplainantKind.ANONYMOUS)
        .filter(person=None)
        .exists()
    )


def test_three_contacts_were_registered_for_two_departments_at_once():
    linked = received_in(2024).exclude(registration_group=None)
    groups = count_by(linked, "registration_group")
    assert list(groups.values()) == [2, 2, 2]
    for group in groups:
        pair = list(linked.filter(registration_group=group))
        assert pair[0].department_id != pair[1].department_id
        assert pair[0].person_id == pair[1].person_id
        assert pair[0].received_date == pair[1].received_date


def test_some_people_came_back_with_a_new_subject_or_another_case():
    # One registration is one inquiry, or one linked group of them (rule 1).
    registrations: dict[int, set] = defaultdict(set)
    departments: dict[int, list] = defaultdict(list)
    for person_id, group, pk, department_id in Inquiry.objects.exclude(person=None).values_list(
        "person_id", "registration_group", "id", "department_id"
    ):
        registrations[person_id].add(group or pk)
        if group is None:
            departments[person_id].append(department_id)
    returning = [person for person, keys in registrations.items() if len(keys) >= 2]
    assert len(returning) >= 3
    # Rule 3: the same person, a new subject, the same department.
    assert any(len(set(departments[p])) < len(departments[p]) for p in returning)


def test_the_latest_december_inquiries_are_still_open():
    still_open = received_in(2024).open()
    assert 8 <= still_open.count() <= 12
    assert not still_open.exclude(received_date__month=12).exists()
    assert not received_in(2024).filter(closed_date__gt=datetime.date(2024, 12, 31)).exists()


def test_every_inquiry_has_one_to_three_contacts_the_first_on_the_day_received():
    contacts = Inquiry.objects.annotate(contact_count=Count("contacts"))
    assert contacts.count() == 257 + 115 + len(CURRENT_CASES)
    assert not contacts.exclude(contact_count__in=[1, 2, 3]).exists()
    assert not Contact.objects.filter(contact_date__lt=F("inquiry__received_date")).exists()
    first_on_the_day = Inquiry.objects.filter(contacts__contact_date=F("received_date"))
    assert first_on_the_day.distinct().count() == 257 + 115 + len(CURRENT_CASES)


def test_office_and_demo_users():
    office = Office.load()
    assert (office.name, office.municipality) == ("Borgerrådgiveren", "Hedensted Kommune")
    advisor = User.objects.get(username="raadgiver")
    assert advisor.check_password("demo-raadgiver-2024")
    assert (advisor.first_name, advisor.last_name, advisor.is_advisor) == (
        "Rikke",
        "Rådgiver",
        True,
    )
    admin = User.objects.get(username="admin")
    assert admin.check_password("demo-admin-2024")
    assert (admin.is_administrator, admin.is_staff, admin.is_advisor) == (True, True, False)
    second = User.objects.get(username="raadgiver2")
    assert second.is_advisor and second.check_password("demo-raadgiver-2024")
    reader = User.objects.get(username="laeser")
    assert reader.check_password("demo-laeser-2024")
    assert (reader.is_report_reader, reader.is_advisor, reader.is_staff) == (True, False, False)


def test_each_department_has_a_manager_named_after_it():
    managers = {
        user.username: list(user.managed_departments.values_list("name", flat=True))
        for user in User.objects.filter(username__startswith="leder-")
    }
    assert managers["leder-sundhed-og-aeldre"] == ["Sundhed og Ældre"]
    assert managers["leder-boern-og-familie"] == ["Børn og Familie"]
    assert managers["leder-byg-miljoe-og-natur"] == ["Byg, Miljø og Natur"]


def snapshot() -> list[tuple]:
    return list(
        Inquiry.objects.order_by("case_number").values_list(
            "case_number",
            "received_date",
            "closed_date",
            "department__name",
            "handling_type__name",
            "summary",
            "person__name",
        )
    )


def test_the_same_seed_gives_the_same_register():
    before = snapshot()
    deletions = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.DELETE).count()
    call_command("demo", "--replace", stdout=io.StringIO())
    assert snapshot() == before
    # Replacing is logged like any deletion of personal data: one row per inquiry.
    assert AccessLogEntry.objects.filter(
        action=AccessLogEntry.Action.DELETE
    ).count() == deletions + 257 + 115 + len(CURRENT_CASES)
    assert (
        Person.objects.count() == Person.objects.filter(inquiries__isnull=False).distinct().count()
    )


def test_another_seed_varies_the_details_but_not_the_figures():
    before = snapshot()
    call_command("demo", "--replace", "--seed", "7", stdout=io.StringIO())
    assert snapshot() != before
    assert_areas_and_departments_as_published()
    assert_handling_as_published()
    assert_reasons_per_area_as_published()
    assert_actions_as_published()


def test_if_empty_leaves_a_loaded_register_alone():
    before = snapshot()
    out = io.StringIO()
    with translation.override("en"):
        call_command("demo", "--if-empty", stdout=out)
    assert snapshot() == before
    assert "not loaded" in out.getvalue()


def test_if_empty_loads_an_empty_register_as_make_run_does():
    before = snapshot()
    Forwarding.objects.all().delete()
    Inquiry.objects.all().delete()
    Person.objects.all().delete()
    out = io.StringIO()
    with translation.override("en"):
        call_command("demo", "--if-empty", stdout=out)
    # Case numbers restart at 0001 even though the counters had already reached the end.
    assert snapshot() == before
    assert "2024: 257 inquiries, 10 open" in out.getvalue()


def test_a_register_in_use_is_not_replaced_without_asking():
    before = snapshot()
    with translation.override("en"), pytest.raises(CommandError, match="--replace"):
        call_command("demo", stdout=io.StringIO())
    assert snapshot() == before


def test_the_demos_dialogue_cases_and_complaints_were_forwarded_with_consent():
    forwardings = Forwarding.objects.filter(inquiry__received_date__year=2024)
    # 17 dialogue + 19 forwarded, the one in Kommunaldirektørens område to the area's management.
    assert forwardings.count() == 36
    assert forwardings.filter(kind="dialogue").count() == 17
    assert forwardings.filter(department__isnull=True, area__name="Kommunaldirektørens område")
    assert forwardings.filter(status__in=["sent", "answered", "closed"]).count() == 36
    assert not forwardings.filter(inquiry__consents__isnull=True).exists()
    assert (
        forwardings.filter(status="closed").exclude(outcome="").count()
        == forwardings.filter(inquiry__status="closed").count()
    )
