"""Each inquiry's search text on PostgreSQL (issue 18, migration inquiries/0014): a search for a
word or a name finds what the search of each table found, and the text follows every change to the
inquiry and to its person, made however it is made. (Two transactions at once:
test_search_text_races.py.)"""

import pytest
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.inquiries.models import Contact, Inquiry, Person
from borgerraadgiver.inquiries.search import search_each_table, search_term
from borgerraadgiver.inquiries.search_text import SearchText
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_list
from tests.factories import InquiryFactory, PersonFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the search text is PostgreSQL's"),
]


def _found(user, term):
    return set(inquiry_list(user=user, filters=InquiryFilters(search=term)))


def _found_in_each_table(term):
    return set(Inquiry.objects.filter(search_each_table(search_term(term))))


@pytest.fixture
def register():
    """Inquiries whose words overlap across case numbers, summaries, names, e-mails and phone
    numbers, and summaries that hold LIKE's own characters."""
    people = [
        PersonFactory(name="Jens Ærø Hansen", email="jens@example.com", phone="+45 12 34 56 78"),
        PersonFactory(name="Hanne Jensen", email="hj@post.dk", phone="87654321"),
        PersonFactory(name="Øjvind Østergård", email="", phone=""),
        PersonFactory(name="Bo 100%", email="bo_b@example.com", phone="Mobil (+45)22/33 44 55"),
    ]
    summaries = [
        "Borgeren venter på svar om hjælpemidler",
        "Klage over sagsbehandlingstid, 100% utilfreds",
        "Spørgsmål om jensen-sagen og ærøfærgen",
        "Under_streg og back\\slash i teksten",
    ]
    inquiries = [
        InquiryFactory(person=person, summary=summary, case_number=f"BR-2026-{n:04}")
        for n, (person, summary) in enumerate(zip(people, summaries, strict=True), start=17)
    ]
    inquiries.append(InquiryFactory(person=None, summary="Anonym henvendelse om HANSEN"))
    inquiries.append(InquiryFactory(person=PersonFactory(name="Ukendt Nummer", phone="ukendt")))
    return inquiries


# Words, names, numbers and LIKE's own characters, across the fields of `register`.
TERMS = [
    "jensen",
    "HANSEN",
    "ærø",
    "ØSTERGÅRD",
    "østergård",
    "BR-2026-0018",
    "2026-001",
    "example.com",
    "100%",
    "%",
    "_",
    "under_streg",
    "k\\s",
    "back\\slash",
    "5678",
    "1234",
    "22/33",
    "(+45)22",
    "+",
    "(",
    "/",
    "mobil",
    "Mobil",
    "ukendt",
    "UKENDT",
    "venter",
    "ingen-findes",
    "Hansen Jens",
    "jens ærø",
    "ærø jens",
    "venter på svar",
    "hjælpemidler jens",
    "Jensen Hanne",
    "hanne hansen",
    "Bo 100%",
    "100% utilfreds",
    "Jens 12",
    "Ukendt Nummer",
    "Bo 100",
    "Bo Jensen",
    "Ø H",
    "jens --- hansen",
]


@pytest.mark.parametrize("term", TERMS)
def test_a_term_finds_what_the_search_of_each_table_finds(advisor, register, term):
    assert _found(advisor, term) == _found_in_each_table(term)


def test_like_s_own_characters_are_taken_literally(advisor, register):
    # "100%" is in one summary and in another inquiry's person's name; "e_s" is in no text,
    # and as a pattern ("e", any one character, "s") in every one.
    assert {inquiry.case_number for inquiry in _found(advisor, "100%")} == {
        "BR-2026-0018",
        "BR-2026-0020",
    }
    assert _found(advisor, "e_s") == set()


@pytest.mark.parametrize("term", ["Jensen", "venter på svar", "Bo Hansen"])
def test_a_search_of_the_inquiries_own_text_reads_the_search_text_s_index(advisor, register, term):
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE inquiries_inquiry")
        # A tiny table: ask what it can use rather than what is cheapest for five rows (the
        # date index in order, each row tested).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    with CaptureQueriesContext(connection) as queries:
        _found(advisor, term)
    (sql,) = [query["sql"] for query in queries.captured_queries if "search_text" in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "inquiry_search_text_trgm" in plan, plan


def test_a_case_number_drawn_after_the_insert_is_found(advisor):
    inquiry = InquiryFactory(case_number="")
    Inquiry.objects.filter(pk=inquiry.pk).update(case_number="BR-2026-0999")
    assert _found(advisor, "BR-2026-0999") == {inquiry}


def test_a_changed_summary_is_found_and_the_old_one_is_not(advisor):
    inquiry = InquiryFactory(summary="Om vinterbørnehaven")
    inquiry.summary = "Om sommerlejren"
    inquiry.save()
    assert _found(advisor, "sommerlejren") == {inquiry}
    assert _found(advisor, "vinterbørnehaven") == set()


def test_a_corrected_name_e_mail_and_phone_are_found_on_every_inquiry_of_the_person(advisor):
    person = PersonFactory(name="Karen Fejlstavet", email="gammel@example.com", phone="11223344")
    first, second = InquiryFactory(person=person), InquiryFactory(person=person)
    person.name, person.email, person.phone = "Karen Rettet", "ny@example.com", "55667788"
    person.save()
    for term in ("Rettet", "ny@example", "55667788"):
        assert _found(advisor, term) == {first, second}, term
    for term in ("Fejlstavet", "gammel@example", "11223344"):
        assert _found(advisor, term) == set(), term


def test_an_inquiry_moved_to_another_person_is_found_by_that_person(advisor):
    merged, kept = PersonFactory(name="Dorte Dublet"), PersonFactory(name="Dorte Original")
    inquiry = InquiryFactory(person=merged)
    Inquiry.objects.filter(person=merged).update(person=kept)
    assert _found(advisor, "Original") == {inquiry}
    assert _found(advisor, "Dublet") == set()


def test_a_person_added_after_their_inquiry_is_found_on_it(advisor):
    """As a restore or a fixture may load them: the foreign key is checked at the commit."""
    later_id = PersonFactory().pk + 1000
    inquiry = InquiryFactory(person_id=later_id)
    PersonFactory(pk=later_id, name="Sene Sørensen")
    assert _found(advisor, "Sørensen") == {inquiry}


def test_the_search_text_is_the_database_s_alone(advisor, register):
    """Django's model does not know the column: no save writes it."""
    assert "search_text" not in {field.attname for field in Inquiry._meta.concrete_fields}


def test_the_search_text_is_read_on_the_inquiry_a_subquery_names():
    person = PersonFactory(name="Grete Underspørgsel", email="")
    InquiryFactory(person=person, summary="Om skolevejen", case_number="BR-2026-0500")
    texts = Inquiry.objects.filter(person=OuterRef("pk")).annotate(text=SearchText())
    found = Person.objects.annotate(text=Subquery(texts.values("text")[:1])).get(pk=person.pk)
    # The fields joined by spaces (an empty e-mail leaves one more).
    assert found.text.split() == ["BR-2026-0500", "OM", "SKOLEVEJEN", "GRETE", "UNDERSPØRGSEL"]


def test_the_search_text_is_refused_on_a_query_of_another_table():
    with pytest.raises(ValueError, match="Inquiry"):
        list(Contact.objects.annotate(text=SearchText()))


def test_the_triggers_find_their_tables_with_an_empty_search_path(advisor):
    """As `pg_restore` runs: the functions keep the search path the migration ran with (the
    register count's too, which a delete fires)."""
    person = PersonFactory(name="Rita Restore")
    inquiry, other = InquiryFactory(person=person), InquiryFactory()
    other.reasons.clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = connection.ops.quote_name(cursor.fetchone()[0])
        cursor.execute("SET LOCAL search_path = ''")
        # The schema's name from the database itself.
        rename = f"UPDATE {schema}.inquiries_person SET name = 'Rita Tilbage' WHERE id = %s"  # noqa: S608
        cursor.execute(rename, [person.pk])
        cursor.execute(f"DELETE FROM {schema}.inquiries_inquiry WHERE id = %s", [other.pk])  # noqa: S608
        cursor.execute("RESET search_path")
    assert _found(advisor, "Tilbage") == {inquiry}


def test_a_phrase_is_found_in_a_summary_and_not_across_two_fields(advisor, register):
    """Several words: the search text's index narrows the rows and the columns decide; in the
    text the summary's last word and the person's first name stand side by side."""
    assert {inquiry.case_number for inquiry in _found(advisor, "venter på svar")} == {
        "BR-2026-0017"
    }
    assert _found(advisor, "hjælpemidler jens") == set()


def test_every_trigram_index_keeps_a_short_list_of_new_entries():
    """A GIN index's list of new entries is read whole by every search until it is merged;
    migration 0015 keeps it to 256 kB on every one (4 MB by default, which autovacuum merges
    only after a tenth of the table has changed)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reloptions FROM pg_class c "
            "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE a.amname = 'gin' AND n.nspname = current_schema()"
        )
        options = dict(cursor.fetchall())
    assert {"person_name_trgm", "person_phone_digits_trgm", "inquiry_search_text_trgm"} <= set(
        options
    )
    assert {
        name: given for name, given in options.items() if given != ["gin_pending_list_limit=256"]
    } == {}
