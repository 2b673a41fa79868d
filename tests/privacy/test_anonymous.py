"""Anonymous inquiries store no person at all (issue 5)."""

import pytest
from django.core.exceptions import ValidationError

from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry, Person
from borgerraadgiver.inquiries.services.inputs import PersonData, Placement, RegistrationInput
from borgerraadgiver.inquiries.services.registration import registration_submit
from tests.factories import DepartmentFactory, HandlingTypeFactory, ReasonFactory

pytestmark = pytest.mark.django_db


def _submit(advisor, now, person_data):
    department = DepartmentFactory()
    return registration_submit(
        data=RegistrationInput(
            received_date=now.date(),
            channel="phone",
            complainant_kind=ComplainantKind.ANONYMOUS,
            person_data=person_data,
            known_person=None,
            repeat_of=None,
            placements=(Placement(area=department.area, department=department),),
            reasons=(ReasonFactory(),),
            handling_type=HandlingTypeFactory(),
            summary="",
            referral_body=None,
            actions=(),
        ),
        registered_by=advisor,
        now=now,
    )


def test_an_anonymous_inquiry_is_registered_without_a_person(advisor, now):
    registration = _submit(advisor, now, None)
    (inquiry,) = registration.inquiries
    assert inquiry.person_id is None
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    "details",
    [
        PersonData(name="Navn"),
        PersonData(name="", phone="12345678"),
        PersonData(name="", cpr="0101901234"),
    ],
)
def test_any_personal_detail_on_an_anonymous_inquiry_is_refused(advisor, now, details):
    with pytest.raises(ValidationError):
        _submit(advisor, now, details)
    assert Person.objects.count() == 0 and Inquiry.objects.count() == 0
