import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from borgerraadgiver.organisation.models import Department, Office
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_department_keeps_its_history():
    old = DepartmentFactory(name="Familieafdelingen", valid_to=datetime.date(2023, 12, 31))
    new = DepartmentFactory(
        name="Børn og Familie", area=old.area, valid_from=datetime.date(2024, 1, 1)
    )
    old.successor = new
    old.save()

    assert list(Department.objects.valid_on(datetime.date(2023, 6, 1))) == [old]
    assert list(Department.objects.valid_on(datetime.date(2024, 6, 1))) == [new]
    assert list(new.predecessors.all()) == [old]


def test_a_validity_period_cannot_end_before_it_starts():
    department = DepartmentFactory.build(
        valid_from=datetime.date(2024, 1, 1), valid_to=datetime.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        department.full_clean()
    assert "valid_to" in error.value.message_dict


def test_the_database_refuses_a_period_that_ends_before_it_starts():
    with pytest.raises(IntegrityError):
        DepartmentFactory(valid_from=datetime.date(2024, 1, 1), valid_to=datetime.date(2023, 1, 1))


def test_the_office_row_exists_from_the_start():
    assert Office.objects.count() == 1
    assert Office.load().case_number_pattern == "BR-{year}-{seq:04d}"
