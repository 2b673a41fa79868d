"""The search on SQLite (issue 18): a term that both full-text indexes can look up is found by an
OR of the two indexes' row ids; it finds what each index finds alone, united, and reads no row
of the people or the inquiries to find them."""

import pytest
from django.db import connection
from django.db.models import Q, QuerySet
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.inquiries import text_index
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.inquiries.search import inquiries_matching, persons_matching, search_term
from tests.inquiries.test_search_text import TERMS, register  # noqa: F401 - the fixture

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "sqlite" or not text_index.available(),
        reason="SQLite's full-text index",
    ),
]


def _people_by_like(text: str) -> QuerySet[Person]:
    """As `persons_matching` describes it, by LIKE and not the index: every word typed in the
    name, or the term in the name or the e-mail."""
    term = search_term(text)
    if term.cpr or term.phone or any(character.isdigit() for character in text):
        return persons_matching(Person.objects.all(), term)  # not the OR of the indexes
    if term.words:
        condition = Q()
        for word in term.words:
            condition &= Q(name__ucontains=word)
        return Person.objects.filter(condition)
    return Person.objects.filter(Q(name__ucontains=text) | Q(email__ucontains=text))


def _each_index_alone(text: str) -> set[Inquiry]:
    """The inquiries whose case number or summary holds the term, and those of the people the
    term finds, each asked alone by LIKE."""
    term = search_term(text)
    own = Inquiry.objects.filter(Q(case_number__ucontains=text) | Q(summary__ucontains=text))
    if term.cpr or term.phone:
        own = Inquiry.objects.none()
    return set(own) | set(Inquiry.objects.filter(person__in=_people_by_like(text)))


@pytest.mark.parametrize("term", TERMS)
def test_a_term_finds_what_each_index_finds_alone(register, term):  # noqa: F811
    assert set(Inquiry.objects.filter(inquiries_matching(term))) == _each_index_alone(term)


def test_a_common_name_is_found_from_the_indexes_row_ids(register):  # noqa: F811
    with CaptureQueriesContext(connection) as queries:
        found = list(Inquiry.objects.filter(inquiries_matching("jensen")).values_list("pk"))
    assert len(found) == 2  # Hanne Jensen's, and the summary about the jensen case
    (sql,) = [query["sql"] for query in queries]
    assert '"inquiries_person"' not in sql
    assert "UNION" not in sql


def test_the_inquiries_of_the_people_a_name_finds_are_dated_from_the_index_alone(register):  # noqa: F811
    # The list sorts what a search finds by date: the person's index holds each inquiry's date,
    # so the people's side of the OR reads no inquiry's row (bench/README.md, fifteenth pass).
    found = Inquiry.objects.filter(inquiries_matching("jensen")).order_by("-received_date", "-id")
    sql, params = found.values_list("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert "SEARCH inquiries_inquiry USING COVERING INDEX inquiry_person_idx (person_id=?)" in plan
