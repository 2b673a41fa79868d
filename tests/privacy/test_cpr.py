"""CPR numbers: checked, stored as ten digits, masked everywhere, shown in full only on an
explicit, logged request by an advisor."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.cpr import cpr_mask, cpr_normalise
from borgerraadgiver.inquiries.models import Person
from tests.factories import InquiryFactory, PersonFactory

TODAY = datetime.date(2024, 6, 14)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("010190-1234", "0101901234"),
        ("0101901234", "0101901234"),
        (" 010190 1234 ", "0101901234"),
        ("211062-5629", "2110625629"),  # a valid modulus-11 check digit
        ("211062-5628", "2110625628"),  # an invalid one: accepted, the check ended in 2007
        ("290200-4000", "2902004000"),  # 29 February 2000 (7th digit 4, year < 37: 2000)
        ("", ""),
    ],
)
def test_valid_numbers_are_stored_as_ten_digits(typed, stored):
    assert cpr_normalise(typed, today=TODAY) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "010190-123",  # nine digits
        "010190-12345",
        "0101901a34",
        "320190-1234",  # 32 January
        "290201-1234",  # 29 February 1901: no such day
        "010130-4000",  # 1 January 2030 (7th digit 4, year < 37): not born yet
        "٠١٠١٩٠١٢٣٤",  # digits, but not the ones a CPR number is written in
    ],
)
def test_invalid_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        cpr_normalise(typed, today=TODAY)


@given(st.text(max_size=30) | st.from_regex(r"\A[0-9]{6}-?[0-9]{4}\Z"))
@settings(max_examples=500, deadline=None)
def test_any_input_is_either_ten_digits_or_a_clear_refusal(typed):
    try:
        stored = cpr_normalise(typed, today=TODAY)
    except ValidationError as error:
        assert error.messages
    else:
        assert stored == "" or (len(stored) == 10 and stored.isascii() and stored.isdigit())
        assert cpr_mask(stored) in ("", f"{stored[:6]}-****")


def test_mask_hides_the_last_four_digits():
    assert cpr_mask("0101901234") == "010190-****"
    assert cpr_mask("") == ""


pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry():
    return InquiryFactory(person=PersonFactory(cpr="0101901234"))


def test_the_inquiry_page_shows_the_number_masked(advisor_client, inquiry):
    page = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "010190-****" in page
    # (its case number, BR-T-001234 when the factory's counter gets there, may hold the digits)
    assert "1234" not in page.replace("010190-****", "").replace(inquiry.case_number, "")
    assert "Show CPR number" in page or "Vis CPR-nummer" in page


def test_the_list_and_search_never_show_it(advisor_client, inquiry):
    page = advisor_client.get(reverse("advisor:inquiry_list"), {"q": "Borger"}).content.decode()
    assert inquiry.case_number in page
    assert "010190" not in page


def test_show_reveals_it_once_and_is_logged(advisor_client, advisor, inquiry):
    url = reverse("privacy:cpr_show", args=[inquiry.person_id])
    response = advisor_client.post(url, {"inquiry": inquiry.pk})
    assert response.status_code == 200
    assert "010190-1234" in response.content.decode()
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    entry = AccessLogEntry.objects.get(event=AccessEvent.CPR_SHOWN)
    assert (entry.user, entry.person_id) == (advisor, inquiry.person_id)
    assert entry.inquiry_id == inquiry.pk
    assert "0101901234" not in entry.detail


def test_show_is_a_post_only_action(advisor_client, inquiry):
    url = reverse("privacy:cpr_show", args=[inquiry.person_id])
    assert advisor_client.get(url).status_code == 405


@pytest.mark.parametrize("role", ["plain_client", "administrator_client"])
def test_non_advisors_cannot_show_it(request, role, inquiry):
    client = request.getfixturevalue(role)
    response = client.post(reverse("privacy:cpr_show", args=[inquiry.person_id]))
    assert response.status_code == 404
    assert "1234" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(event=AccessEvent.CPR_SHOWN).exists()


def _register(client, **extra):
    data = {
        "complainant_kind": "citizen",
        "person_name": "Karen Cprsen",
        "received_date": "2024-06-14",
        "channel": "phone",
        "summary": "",
        "matches_shown": "1",
        **extra,
    }
    return client.post(reverse("advisor:inquiry_register"), data)


def test_registration_stores_a_typed_number_normalised(advisor_client, registration_choices):
    response = _register(advisor_client, person_cpr="010190-1234", **registration_choices)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Person.objects.get(name="Karen Cprsen").cpr == "0101901234"


def test_registration_refuses_an_impossible_number(advisor_client, registration_choices):
    response = _register(advisor_client, person_cpr="320190-1234", **registration_choices)
    assert response.status_code == 200
    assert not Person.objects.filter(name="Karen Cprsen").exists()
    assert "person_cpr-error" in response.content.decode()


def test_an_anonymous_inquiry_takes_no_cpr_number(advisor_client, registration_choices):
    response = _register(
        advisor_client,
        complainant_kind="anonymous",
        person_name="",
        person_cpr="010190-1234",
        **registration_choices,
    )
    assert response.status_code == 200
    assert Person.objects.count() == 0


@pytest.fixture
def registration_choices(db):
    from tests.factories import DepartmentFactory, HandlingTypeFactory, ReasonFactory

    department = DepartmentFactory()
    return {
        "department": f"d{department.pk}",
        "reasons": [ReasonFactory().pk],
        "handling_type": HandlingTypeFactory().pk,
    }


def _edit_data(client, inquiry, **changes):
    url = reverse("advisor:inquiry_edit", args=[inquiry.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["reasons"] = [r.pk for r in inquiry.reasons.all()]
    data["received_date"] = inquiry.received_date.isoformat()
    data.update(changes)
    return url, {k: v for k, v in data.items() if v is not None}


def test_the_edit_form_shows_the_number_masked_and_corrects_it(advisor_client, advisor, inquiry):
    url, data = _edit_data(advisor_client, inquiry)
    page = advisor_client.get(url).content.decode()
    assert "010190-****" in page and "0101901234" not in page and "010190-1234" not in page

    response = advisor_client.post(url, {**data, "person_cpr": "020290-4321"})

    assert response.status_code == 302
    inquiry.person.refresh_from_db()
    assert inquiry.person.cpr == "0202904321"
    change = inquiry.changes.get(field="person.cpr")
    assert (change.old_value, change.new_value) == ("010190-****", "020290-****")
    assert change.field_label in ("CPR number", "CPR-nummer")
    log = AccessLogEntry.objects.filter(action="change", inquiry_id=inquiry.pk).get()
    assert "person.cpr" in log.detail and "4321" not in log.detail


def test_the_edit_form_refuses_an_impossible_number(advisor_client, inquiry):
    url, data = _edit_data(advisor_client, inquiry)
    response = advisor_client.post(url, {**data, "person_cpr": "999999-9999"})
    assert response.status_code == 200
    assert response.context["form"].errors["person_cpr"]
    inquiry.person.refresh_from_db()
    assert inquiry.person.cpr == "0101901234"


def test_an_anonymous_inquiry_has_no_cpr_field_to_edit(advisor_client):
    anonymous = InquiryFactory(person=None, complainant_kind="anonymous")
    form = advisor_client.get(reverse("advisor:inquiry_edit", args=[anonymous.pk])).context["form"]
    assert "person_cpr" not in form.fields


def test_the_list_export_never_holds_it(advisor_client, inquiry):
    response = advisor_client.get(reverse("advisor:inquiry_export", args=["csv"]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert inquiry.case_number in body
    assert "010190" not in body and "0101901234" not in body


def test_the_department_portal_never_shows_it(client_for, inquiry):
    from borgerraadgiver.forwarding.models import Forwarding
    from tests.factories import UserFactory

    manager = UserFactory(username="leder-cpr")
    manager.managed_departments.add(inquiry.department)
    forwarding = Forwarding.objects.create(
        inquiry=inquiry,
        area=inquiry.area,
        department=inquiry.department,
        kind=Forwarding.Kind.FORWARDED,
        text="Tekst",
        status=Forwarding.Status.SENT,
        sent_date=datetime.date(2024, 3, 2),
        deadline_date=datetime.date(2024, 3, 25),
    )
    client = client_for(manager)
    for url in (
        reverse("portal:forwarding_list"),
        reverse("portal:forwarding_detail", args=[forwarding.pk]),
    ):
        page = client.get(url).content.decode()
        assert inquiry.case_number in page
        assert "010190" not in page
