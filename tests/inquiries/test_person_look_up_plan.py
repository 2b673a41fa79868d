"""The registration page's look-up of the person typed uses an index for each way of matching
(issue 18): on PostgreSQL the plan reads the name's, the e-mail's and the phone digits' trigram
indexes, not every person. The phone index is on the exact expression the look-up compares
(migration inquiries/0012), which this test keeps in step with `search.phone_digits_expression`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borgerraadgiver.inquiries.look_up import person_open_inquiries
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes are PostgreSQL's"
)
def test_each_way_of_matching_reads_its_own_index(advisor):
    PersonFactory.create_batch(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE inquiries_person")
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: ask what it can use
    with CaptureQueriesContext(connection) as queries:
        person_open_inquiries(
            user=advisor, name="Gudrun Testesen", phone="+45 20 30 40 50", email="g@example.com"
        )
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    for index in ("person_name_trgm", "person_phone_digits_trgm", "person_email_trgm"):
        assert index in plan, plan


def test_a_person_is_found_by_any_one_of_name_phone_and_e_mail(advisor):
    by_name = InquiryFactory(
        person=PersonFactory(name="Gudrun Østergård", phone="", email="")
    ).person
    by_phone = InquiryFactory(person=PersonFactory(name="B", phone="20 30-40 50", email="")).person
    by_email = InquiryFactory(
        person=PersonFactory(name="C", phone="", email="G@Example.com")
    ).person
    PersonFactory(name="Nogen Andre", phone="99 88 77 66", email="x@example.com")
    found = person_open_inquiries(
        user=advisor, name="østergå", phone="+45 2030 4050", email="g@example.com"
    )
    assert {person for person, _open in found.people} == {by_name, by_phone, by_email}


def test_whether_anyone_matches_is_asked_in_one_query_without_a_limit(advisor):
    """Someone no one matches costs one query, and it has no LIMIT: with prepared statements,
    PostgreSQL's generic plan for `LIKE $1 LIMIT 1` expects an early match and reads every
    person (34 ms instead of 1 at 67,000 people; bench/README.md, nineteenth pass)."""
    PersonFactory(name="Nogen Andre", phone="99 88 77 66")
    with CaptureQueriesContext(connection) as queries:
        found = person_open_inquiries(user=advisor, name="Gudrun Testesen", phone="20 30 40 50")
    assert found.people == []
    [asked] = [query["sql"] for query in queries.captured_queries]
    assert "LIMIT" not in asked.upper()
