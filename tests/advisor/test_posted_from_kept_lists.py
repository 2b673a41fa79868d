"""What a registration posts is checked against the lists the process keeps (issue 18): a
department, reason or handling type retired or closed by another process since the process
last checked a registration is refused with the field's message, and nothing is registered."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from borgerraadgiver.core.forms import ModelMultipleChoiceField
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.forms import KeptModelChoiceField, KeptModelMultipleChoiceField
from borgerraadgiver.organisation.models import Reason
from tests.advisor.test_inquiry_pages import organisation, registration  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

REGISTER = reverse("advisor:inquiry_register")


def _behind_the_apps_back(sql: str, params: list) -> None:
    """As another process or a database administrator would: no signal, no model."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def checked_once(advisor_client, organisation):  # noqa: F811
    """One registration, so that the process has checked a posted form against its lists."""
    advisor_client.post(REGISTER, registration(organisation, summary="Første henvendelse"))
    assert Inquiry.objects.count() == 1
    return organisation


def _another(organisation, **overrides) -> dict:  # noqa: F811
    """A registration for someone else: no earlier inquiry of theirs to choose between."""
    return registration(
        organisation, person_name="Ole Olsen", person_phone="87 65 43 21", **overrides
    )


def _refused(advisor_client, data: dict, field: str) -> list[str | None]:
    """The codes of the field's errors, the page shown again, nothing registered."""
    before = Inquiry.objects.count()
    response = advisor_client.post(REGISTER, data)
    assert response.status_code == 200
    assert Inquiry.objects.count() == before
    errors = response.context["form"].errors.as_data()
    assert field in errors, errors
    return [error.code for error in errors[field]]


@pytest.mark.parametrize(
    ("table", "key", "field"),
    [
        ("organisation_reason", "reason", "reasons"),
        ("organisation_handlingtype", "handling", "handling_type"),
    ],
)
def test_an_entry_retired_since_is_refused(advisor_client, checked_once, table, key, field):
    entry = checked_once[key]
    sql = f"UPDATE {table} SET is_active = %s WHERE id = %s"  # noqa: S608 - the test's own names
    _behind_the_apps_back(sql, [False, entry.pk])
    assert _refused(advisor_client, _another(checked_once), field) == ["invalid_choice"]


def test_a_department_closed_since_is_refused(advisor_client, checked_once):
    school = checked_once["school"]
    sql = "UPDATE organisation_department SET valid_to = %s WHERE id = %s"
    _behind_the_apps_back(sql, ["2020-12-31", school.pk])
    assert _refused(advisor_client, _another(checked_once), "department")


@pytest.mark.parametrize("posted", ["abc", "-1", "99999999", "1\x00", "99999999999999999999"])
def test_an_id_that_is_no_choice_is_refused(advisor_client, checked_once, posted):
    data = _another(checked_once, handling_type=posted, reasons=[posted])
    assert _refused(advisor_client, data, "handling_type")
    assert _refused(advisor_client, data, "reasons")


def test_what_was_posted_is_registered(advisor_client, checked_once):
    advisor_client.post(REGISTER, _another(checked_once, summary="Anden henvendelse"))
    inquiry = Inquiry.objects.get(summary="Anden henvendelse")
    assert inquiry.department == checked_once["school"]
    assert inquiry.area == checked_once["school"].area
    assert list(inquiry.reasons.all()) == [checked_once["reason"]]
    assert inquiry.handling_type == checked_once["handling"]


POSTED = [
    [" 5"], ["+5"], ["-1"], ["0005"], [None], [True], ["99999999999999999999"], [["1"]], ["²"],
    ["abc", "999"], ["999", "abc"], ["1\x00"], ["1.0"], [""], "not a list", 5,
]  # fmt: skip


def _outcome(field, posted):
    """The ids chosen, or the error's code."""
    try:
        cleaned = field.clean(posted)
    except ValidationError as error:
        return error.code
    return (
        [row.pk for row in cleaned]
        if isinstance(field, forms.ModelMultipleChoiceField)
        else cleaned.pk
    )


@pytest.mark.parametrize("posted", [*POSTED, "chosen", "chosen and unknown"])
def test_a_kept_field_decides_as_djangos_own_field(organisation, posted):  # noqa: F811
    reason = organisation["reason"]
    if posted == "chosen":
        posted = [str(reason.pk)]
    elif posted == "chosen and unknown":
        posted = [str(reason.pk), "999999"]
    kept = KeptModelMultipleChoiceField(queryset=Reason.objects.all(), kept_as="test.reasons")
    djangos = ModelMultipleChoiceField(queryset=Reason.objects.all())
    assert _outcome(kept, posted) == _outcome(djangos, posted)
    single = posted[0] if isinstance(posted, list) and posted else posted
    kept_one = KeptModelChoiceField(queryset=Reason.objects.all(), kept_as="test.reasons")
    djangos_one = forms.ModelChoiceField(queryset=Reason.objects.all())
    assert _outcome(kept_one, single) == _outcome(djangos_one, single)


def test_a_retired_reason_is_named_in_words_a_caseworker_reads(advisor_client, checked_once):
    reason = checked_once["reason"]
    sql = "UPDATE organisation_reason SET is_active = %s WHERE id = %s"
    _behind_the_apps_back(sql, [False, reason.pk])
    response = advisor_client.post(REGISTER, _another(checked_once))
    (message,) = response.context["form"].errors["reasons"]
    assert message == "Et af valgene findes ikke i listen: det kan være fjernet imens. Vælg igen."
    assert "Ole Olsen" in response.content.decode()  # what was typed is kept
