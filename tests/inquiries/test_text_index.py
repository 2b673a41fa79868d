"""SQLite's full-text index for the search: it finds what a scan would, stays current through
every write, and comes back whole after a migration that rebuilt a table."""

import pytest
from django.db import connection

from borgerraadgiver.inquiries import text_index
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.inquiries.search import persons_matching, search_term
from borgerraadgiver.inquiries.text_index import matching, text_index_ensure
from tests.factories import InquiryFactory, PersonFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="PostgreSQL searches with trigram indexes"
    ),
]


def found(term: str) -> set[int]:
    subquery = matching("inquiries_inquiry", [term])
    assert subquery is not None
    return set(Inquiry.objects.filter(pk__in=subquery).values_list("pk", flat=True))


def test_a_summary_is_found_by_any_part_of_three_letters_or_more_in_any_case():
    inquiry = InquiryFactory(summary="Borgeren Ørsted klager over sagsbehandlingstiden")
    InquiryFactory(summary="Noget helt andet")
    assert found("ørsted") == {inquiry.pk}
    assert found("ØRSTED KLAGER") == {inquiry.pk}
    assert found("behandlingstid") == {inquiry.pk}
    assert found('"quoted"') == set()


def test_the_index_follows_every_change_and_deletion():
    inquiry = InquiryFactory(summary="Venter på svar om hjemmehjælp")
    inquiry.summary = "Venter på svar om bolig"
    inquiry.save()
    assert found("hjemmehjælp") == set()
    assert found("bolig") == {inquiry.pk}
    inquiry.delete()
    assert found("bolig") == set()


def test_a_person_is_found_by_name_in_any_word_order_and_by_e_mail():
    person = PersonFactory(name="Åse Kjærgaard Nielsen", email="aase@example.com")
    PersonFactory(name="Åse Jensen")
    people = Person.objects.all()
    assert set(persons_matching(people, search_term("nielsen åse"))) == {person}
    assert set(persons_matching(people, search_term("AASE@EXAMPLE"))) == {person}
    # Two letters have no trigram: looked for without the index, and still found.
    assert person in set(persons_matching(people, search_term("Ås")))


def test_after_a_migration_dropped_the_triggers_the_index_is_rebuilt():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER inquiries_inquiry_text_ai")
    missed = InquiryFactory(summary="Skrevet mens indekset ikke fulgte med")
    assert found("indekset") == set()

    assert text_index_ensure(connection) == ["inquiries_inquiry_text"]

    assert found("indekset") == {missed.pk}
    assert text_index_ensure(connection) == []


def test_without_the_trigram_tokenizer_the_search_scans_and_still_finds(monkeypatch):
    monkeypatch.setattr(text_index, "trigram_supported", lambda: False)
    inquiry = InquiryFactory(summary="Borgeren Ørsted venter")
    assert matching("inquiries_inquiry", ["ørsted"]) is None
    people = Person.objects.all()
    assert inquiry.person in set(persons_matching(people, search_term(inquiry.person.name)))
    assert text_index_ensure(connection) == []
