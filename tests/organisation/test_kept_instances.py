"""A kept table's rows as instances of a request's own (`organisation.kept_instances`, issue 18):
no query once kept, each request's instance its own, in the lists' order, and a row made or
changed elsewhere found."""

import pytest
from django.db import connection

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation import kept, kept_instances
from borgerraadgiver.organisation.kept_instances import (
    kept_instance,
    kept_instance_get,
)
from borgerraadgiver.organisation.models import Area, Reason
from tests.factories import AdvisorFactory, AreaFactory, InquiryFactory, ReasonFactory

pytestmark = pytest.mark.django_db


def _insert_behind_the_apps_back(name: str) -> int:
    """As another process would: no signal, no model (the table's trigger still runs)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO organisation_reason (name, description, is_active, sort_order,"
            " created_at, updated_at) VALUES (%s, '', %s, 0, %s, %s)",
            [name, True, "2024-01-01 00:00:00+00:00", "2024-01-01 00:00:00+00:00"],
        )
    return Reason.objects.get(name=name).pk


def test_once_kept_a_row_costs_no_query_and_each_instance_is_its_own(
    django_assert_num_queries,
):
    reason = ReasonFactory(name="Sagsbehandlingstid")
    with kept.tokens_read_once():
        kept_instance(Reason, reason.pk)  # read into the process
        with django_assert_num_queries(0):
            first = kept_instance(Reason, reason.pk)
            second = kept_instance(Reason, reason.pk)
    assert first == second == reason and first is not second
    first.name = "Ændret af en formular"  # a request's change stays its own
    assert kept_instance(Reason, reason.pk).name == "Sagsbehandlingstid"


def test_the_rows_come_in_the_lists_order_by_name_and_a_key_of_no_row_is_left_out():
    names = ["Vejledning", "Afgørelse", "Manglende svar"]
    reasons = [ReasonFactory(name=name) for name in names]
    found = kept_instances.kept_instances(Reason, [r.pk for r in reasons] + [999_999])
    assert [reason.name for reason in found] == sorted(names)
    assert kept_instance(Reason, 999_999) is None and kept_instance(Reason, None) is None
    with pytest.raises(Reason.DoesNotExist):
        kept_instance_get(Reason, 999_999)


def test_a_row_made_elsewhere_after_the_tokens_were_read_is_found_and_kept(
    django_assert_num_queries,
):
    ReasonFactory(name="Afgørelse")
    with kept.tokens_read_once():
        kept_instances.kept_instances(Reason, [])  # the rows and the tokens, read before
        made = _insert_behind_the_apps_back("Ny årsag fra en anden proces")
        assert kept_instance_get(Reason, made).name == "Ny årsag fra en anden proces"
        with django_assert_num_queries(0):  # the list was read again, with the new row
            assert kept_instance_get(Reason, made).name == "Ny årsag fra en anden proces"


def test_a_row_the_kept_rows_lack_is_read_from_the_database(monkeypatch):
    """As after a change past the triggers: the kept rows say nothing of it."""
    area = AreaFactory(name="Børn og Unge")
    monkeypatch.setattr(kept_instances, "_by_pk", lambda model, columns: {})
    assert kept_instance_get(Area, area.pk).name == "Børn og Unge"


def test_only_the_columns_asked_for_are_kept_and_the_others_read_when_asked(
    django_assert_num_queries,
):
    area = AreaFactory(name="Social og Sundhed", sort_order=3)
    with kept.tokens_read_once():
        kept_instance(Area, area.pk, columns=("name",))  # read into the process
        with django_assert_num_queries(0):
            partial = kept_instance(Area, area.pk, columns=("name",))
            assert partial is not None and partial.name == "Social og Sundhed"
        with django_assert_num_queries(1):
            assert partial.sort_order == 3  # not kept: read from the database when asked


def test_a_pages_rows_share_one_instance_of_each_row_they_name_and_read_the_tokens_once(
    django_assert_num_queries,
):
    """As the forwarding overview's rows, or its download streamed after the request."""
    areas = [AreaFactory(name=f"Område {n}") for n in range(3)]
    kept_instance(Area, areas[0].pk)  # read into the process
    with django_assert_num_queries(1):  # the tokens, once, though it is no request
        named = kept_instances.KeptByPk(Area)
        got = [named[area.pk] for area in areas * 4]
    assert [area.name for area in got[:3]] == ["Område 0", "Område 1", "Område 2"]
    assert got[0] is got[3] and got[0] is not kept_instance(Area, areas[0].pk)
    made = AreaFactory(name="Nyt område")  # since the map looked up the kept rows
    assert named[made.pk].name == "Nyt område"
    with pytest.raises(Area.DoesNotExist):
        named[999_999]


def test_rows_get_the_kept_rows_their_keys_name_in_place_of_a_join(django_assert_num_queries):
    advisor = AdvisorFactory()
    made = [InquiryFactory(advisor=advisor), InquiryFactory(advisor=None)]
    made[1].department = None
    made[1].save()
    read = list(Inquiry.objects.filter(pk__in=[i.pk for i in made]).order_by("pk"))
    kept_instances.kept_attach(read, "area", "department", "handling_type", "advisor")  # warm
    read = list(Inquiry.objects.filter(pk__in=[i.pk for i in made]).order_by("pk"))
    with kept.tokens_read_once(), django_assert_num_queries(1):  # the tokens
        lazily = kept_instances.kept_attaching(read, "area", "department", "advisor")
        assert next(lazily).department == made[0].department
        assert list(lazily) == [read[1]]
        assert [(i.area, i.department, i.advisor) for i in read] == [
            (made[0].area, made[0].department, advisor),
            (made[1].area, None, None),
        ]
