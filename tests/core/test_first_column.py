"""`core.db.plain_rows` and `first_column`: a query's rows read in one fetch of plain rows, the
same values in the same order as the ORM's `values_list()` (issue 18)."""

import pytest

from borgerraadgiver.core.db import first_column, plain_rows
from borgerraadgiver.inquiries.models import Inquiry
from tests.factories import InquiryFactory, ReasonFactory

pytestmark = pytest.mark.django_db


def test_the_ids_in_the_order_the_orm_gives_them():
    for summary in ("Borgeren venter", "Om skolen", "Borgeren igen"):
        InquiryFactory(summary=summary)
    query = Inquiry.objects.filter(summary__startswith="Borgeren").order_by("-pk")
    ids = query.values_list("pk", flat=True)
    assert first_column(ids) == list(ids)
    assert len(first_column(ids)) == 2
    names = Inquiry.objects.order_by("case_number").values_list("case_number", flat=True)
    assert first_column(names) == list(names)


def test_a_query_no_row_can_meet_is_empty():
    InquiryFactory()
    assert first_column(Inquiry.objects.none().values_list("pk", flat=True)) == []
    assert first_column(Inquiry.objects.filter(pk__in=[]).values_list("pk", flat=True)) == []


def test_rows_of_two_columns_as_the_orm_gives_them():
    InquiryFactory(reasons=[ReasonFactory(name="B"), ReasonFactory(name="A")])
    InquiryFactory()
    chosen = Inquiry.reasons.through.objects.order_by("inquiry_id", "-reason_id").values_list(
        "inquiry_id", "reason_id"
    )
    assert [tuple(row) for row in plain_rows(chosen)] == list(chosen)
    assert len(plain_rows(chosen)) == 3
    assert plain_rows(chosen.none()) == []
