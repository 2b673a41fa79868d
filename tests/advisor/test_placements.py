"""The departments to choose from on the registration and edit pages are made once a process for
each year and language, and made again when the office's lists change (issue 18)."""

import datetime

import pytest
from django.db import connection
from django.utils import translation

from borgerraadgiver.advisor.forms import placements
from borgerraadgiver.advisor.registration_forms import RegistrationForm
from tests.factories import AreaFactory, DepartmentFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 3, 4)
SINCE = datetime.date(2023, 1, 1)


def _labels(choices) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(label) for _value, label in choices]


def test_two_forms_share_the_choices_made_once():
    school = DepartmentFactory(name="Skole")
    first, second = RegistrationForm(today=TODAY), RegistrationForm(today=TODAY)
    department = first.fields["department"].choices
    assert department is second.fields["department"].choices
    assert isinstance(department.choices, tuple)  # no form can change what the others offer
    assert list(department)[1] == (school.area.name, ((f"d{school.pk}", "Skole"),))
    assert list(first.fields["other_departments"].choices) == [
        (f"d{school.pk}", f"{school.area.name} · Skole")
    ]


def test_each_language_has_its_own():
    DepartmentFactory(name="Skole")
    with translation.override("da"):
        danish = placements(since=SINCE).grouped
    with translation.override("en"):
        english = placements(since=SINCE).grouped
    assert (_labels(danish)[0], _labels(english)[0]) == ("Vælg…", "Choose…")


def test_a_change_to_the_lists_by_another_process_is_offered_at_once():
    school = DepartmentFactory(name="Skole")
    before = placements(since=SINCE)
    with connection.cursor() as cursor:  # as another process would: no signal, no model
        cursor.execute(
            "UPDATE organisation_department SET valid_to = %s WHERE id = %s",
            [datetime.date(2023, 6, 30), school.pk],
        )
    after = placements(since=SINCE)
    assert after is not before
    [(_area, ((_value, label),))] = list(after.grouped)[1:]
    assert label.startswith("Skole (") and "2023" in label
    area_alone = AreaFactory(name="Udenfor")
    assert (f"a{area_alone.pk}", "Udenfor") in list(placements(since=SINCE).grouped)
