"""A person's inquiries have one index, led by the person and holding the dates (migration
inquiries/0016): the foreign key's own index of the person alone is gone, on either database."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_a_persons_inquiries_are_indexed_once_with_their_dates():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "inquiries_inquiry")
    led_by_person = sorted(
        tuple(details["columns"])
        for details in constraints.values()
        if details["index"] and details["columns"][:1] == ["person_id"]
    )
    assert led_by_person == [("person_id", "received_date")]
