"""Database lookups, on whichever database the suite runs: the Unicode-aware 'contains' and
`among` (`IN`, with the subquery run first on PostgreSQL) that searches use, and `__in` with a
list, one array value on PostgreSQL however long the list."""

import contextlib
import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry, Person
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("ørsted", True),
        ("ØRSTED", True),
        ("åse ør", True),
        ("ærø", False),
        ("*", False),
        ("?", False),
        ("[", True),
        ("%", True),
        ("_", False),
        ("100%]", True),
    ],
)
def test_ucontains_folds_danish_letters_and_takes_wildcards_literally(term, found):
    PersonFactory(name="Åse Ørsted [100%]")
    assert Person.objects.filter(name__ucontains=term).exists() is found


@settings(max_examples=40, deadline=None)
@given(
    text=st.text(alphabet="abcæøåABCÆØÅ *?[]%_-", min_size=1, max_size=12),
    start=st.integers(0, 11),
    length=st.integers(1, 6),
)
def test_ucontains_finds_every_substring_in_any_case(text, start, length):
    PersonFactory(name=text)
    piece = text[start : start + length] or text
    for variant in (piece, piece.lower(), piece.upper()):
        assert Person.objects.filter(name__ucontains=variant).exists(), variant
    Person.objects.all().delete()


def test_among_finds_what_in_finds_from_a_subquery_and_a_union():
    """`among` is `IN` with the subquery run first on PostgreSQL (`= ANY(ARRAY(...))`)."""
    people = [PersonFactory(name=name) for name in ("Ane", "Bo", "Carl", "Dorte")]
    found = Person.objects.filter(name__in=["Ane", "Carl"]).order_by().values("pk")
    other = Person.objects.filter(name="Dorte").order_by().values("pk")
    assert list(Person.objects.filter(pk__among=found).order_by("name")) == [people[0], people[2]]
    assert set(Person.objects.filter(pk__among=found.union(other))) == {
        people[0],
        people[2],
        people[3],
    }
    assert not Person.objects.filter(pk__among=Person.objects.none().values("pk")).exists()
    assert list(Person.objects.filter(pk__among=[people[1].pk])) == [people[1]]
    # An expression on the right is plain IN on either database.
    assert Person.objects.filter(pk__among=F("pk")).count() == len(people)


def test_among_asks_postgresql_for_the_subquery_first():
    query = str(Person.objects.filter(pk__among=Person.objects.values("pk")).query)
    if connection.vendor == "postgresql":
        assert "= ANY(ARRAY(" in query
    else:
        assert " IN (SELECT" in query


def test_among_on_a_foreign_key_finds_the_inquiries_of_the_people_found():
    """The search finds a person's inquiries by `person_id__among`: a foreign key takes only
    the lookups ForeignObject registers, so `among` is registered there too."""
    ane, bo = PersonFactory(name="Ane"), PersonFactory(name="Bo")
    hers, his = InquiryFactory(person=ane), InquiryFactory(person=bo)
    InquiryFactory(person=None)
    found = Person.objects.filter(name="Ane").values("pk")
    assert list(Inquiry.objects.filter(person_id__among=found)) == [hers]
    assert list(Inquiry.objects.filter(person__among=found)) == [hers]
    assert set(Inquiry.objects.filter(person_id__among=[ane.pk, bo.pk])) == {hers, his}
    query = str(Inquiry.objects.filter(person_id__among=found).query)
    assert ("= ANY(ARRAY(" if connection.vendor == "postgresql" else " IN (SELECT") in query


def test_among_on_a_foreign_key_takes_objects_and_a_queryset_of_them_as_in_does():
    ane, bo = PersonFactory(name="Ane"), PersonFactory(name="Bo")
    hers = InquiryFactory(person=ane)
    InquiryFactory(person=bo)
    assert list(Inquiry.objects.filter(person__among=[ane])) == [hers]
    assert list(Inquiry.objects.filter(person__among=Person.objects.filter(name="Ane"))) == [hers]
    assert set(Inquiry.objects.exclude(person__among=[bo])) == set(
        Inquiry.objects.exclude(person__in=[bo])
    )


def test_in_with_a_list_finds_the_same_rows_as_before_on_either_database():
    """On PostgreSQL `__in` with a list is `= ANY(array)` (core/db.py, ArrayIn): ids, objects,
    names, dates, `None` among them, `exclude`, an empty list and an expression still find what
    Django's `IN` finds."""
    ane, bo, carl = (PersonFactory(name=name) for name in ("Ane", "Bo", "Carl"))
    hers, his, theirs = (
        InquiryFactory(person=person, received_date=datetime.date(2024, 1, day))
        for day, person in enumerate((ane, bo, carl), start=1)
    )
    assert set(Person.objects.filter(pk__in=[ane.pk, carl.pk, None])) == {ane, carl}
    assert set(Person.objects.exclude(pk__in=(ane.pk,))) == {bo, carl}
    assert set(Person.objects.filter(name__in={"Bo", "Carl", "Dorte"})) == {bo, carl}
    assert set(Inquiry.objects.filter(person__in=[ane, bo])) == {hers, his}
    assert set(Inquiry.objects.filter(person_id__in=[carl.pk])) == {theirs}
    assert set(Inquiry.objects.filter(received_date__in=[datetime.date(2024, 1, 2)])) == {his}
    assert not Person.objects.filter(pk__in=[]).exists()
    assert not Person.objects.filter(pk__in=[None]).exists()
    assert Person.objects.filter(pk__in=[F("pk")]).count() == 3


@contextlib.contextmanager
def _statements(into: list[tuple[str, tuple]]):
    """Every statement run inside, with the values sent apart from its text."""

    def record(execute, sql, params, many, context):
        into.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield


def test_on_postgresql_a_list_of_any_length_is_one_value_in_one_statement_text():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's arrays")
    statements: list[tuple[str, tuple]] = []
    with _statements(statements):
        for length in (1, 3, 70_000):
            Person.objects.filter(pk__in=range(length)).count()
    texts = {sql for sql, _ in statements}
    assert len(texts) == 1 and "= ANY(%s)" in texts.pop()
    assert [len(params) for _, params in statements] == [1, 1, 1]


def test_on_postgresql_lists_of_every_kind_the_app_filters_by_are_one_array():
    """Keys, a bigint column that is no key (its values wrapped by Django for psycopg), names,
    choices, dates and times; an expression or a bool keeps Django's IN."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's arrays")
    ane = PersonFactory(name="Ane")
    hers = InquiryFactory(person=ane, received_date=datetime.date(2024, 1, 2))
    AccessLogEntry.objects.create(
        at=timezone.now(), action="view", inquiry_id=hers.pk, event="inquiry_viewed"
    )
    as_arrays = [
        Person.objects.filter(pk__in=[ane.pk]),
        Inquiry.objects.filter(person__in=[ane]),
        AccessLogEntry.objects.filter(inquiry_id__in=[hers.pk, 2**40]),
        Person.objects.filter(name__in=["Ane", "Bo"]),
        Inquiry.objects.filter(status__in=[Inquiry.Status.OPEN, Inquiry.Status.CLOSED]),
        Inquiry.objects.filter(received_date__in=[datetime.date(2024, 1, 2)]),
        Inquiry.objects.filter(created_at__in=[hers.created_at]),
    ]
    statements: list[tuple[str, tuple]] = []
    with _statements(statements):
        assert [query.count() for query in as_arrays] == [1] * len(as_arrays)
        assert Person.objects.filter(pk__in=[F("pk"), ane.pk]).count() == 1
    assert all("= ANY(%s)" in sql for sql, _ in statements[:-1]), statements
    assert " IN (" in statements[-1][0]


def test_on_postgresql_a_delete_sends_as_many_values_for_many_rows_as_for_few():
    """Django finds the related rows of what it deletes by one `IN` of all their ids; as one
    array, a statement's values stay within PostgreSQL's 65,535 however many rows go."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's arrays")

    def most_values_in_a_statement(count: int) -> int:
        ids = [InquiryFactory().pk for _ in range(count)]
        statements: list[tuple[str, tuple]] = []
        with _statements(statements):
            assert Inquiry.objects.filter(pk__in=ids).delete()[1]["inquiries.Inquiry"] == count
        return max(len(params) for _, params in statements)

    assert most_values_in_a_statement(2) == most_values_in_a_statement(60)
