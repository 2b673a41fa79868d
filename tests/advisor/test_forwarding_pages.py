"""The advisor's forwarding pages: consent first, then forward, read the answer, close."""

import datetime

import pytest
from django.urls import reverse

from borgerraadgiver.forwarding.models import Consent, Forwarding
from tests.factories import DepartmentFactory, InquiryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("handling_kinds")]


@pytest.fixture
def inquiry():
    department = DepartmentFactory(name="Jobcenter")
    UserFactory(username="leder").managed_departments.add(department)
    return InquiryFactory(department=department, received_date=datetime.date(2024, 3, 1))


def forward(client, inquiry, **extra):
    return client.post(
        reverse("advisor:forwarding_new", args=[inquiry.pk]),
        {
            "kind": "forwarded",
            "department": inquiry.department_id,
            "text": "Borgeren har ikke fået svar.",
            "send": "1",
            **extra,
        },
        follow=True,
    )


def test_forwarding_without_consent_is_kept_as_a_draft_and_says_why(advisor_client, inquiry):
    response = forward(advisor_client, inquiry)
    forwarding = Forwarding.objects.get()
    assert forwarding.status == "draft"
    content = response.content.decode()
    assert "samtykke" in content.lower()


def test_with_consent_recorded_on_the_page_the_forwarding_is_sent(advisor_client, inquiry):
    advisor_client.post(
        reverse("advisor:consent_add", args=[inquiry.pk]),
        {
            "consent-given_by": "Mette Prøvesen",
            "consent-given_date": "2024-03-04",
            "consent-method": "phone",
        },
    )
    assert Consent.objects.get().given_by == "Mette Prøvesen"
    forward(advisor_client, inquiry)
    forwarding = Forwarding.objects.get()
    assert forwarding.status == "sent"
    assert forwarding.deadline_date is not None


def test_a_consent_dated_in_the_future_is_refused_next_to_the_field(advisor_client, inquiry):
    response = advisor_client.post(
        reverse("advisor:consent_add", args=[inquiry.pk]),
        {
            "consent-given_by": "Mette Prøvesen",
            "consent-given_date": "2999-01-01",
            "consent-method": "phone",
        },
    )
    assert response.status_code == 400
    assert "given_date" in response.context["consent_form"].errors
    assert Consent.objects.count() == 0


@pytest.mark.parametrize("role", ["plain_client", "administrator_client"])
def test_non_advisors_cannot_forward_or_record_consent(request, role, inquiry):
    client = request.getfixturevalue(role)
    assert forward(client, inquiry).status_code == 404
    response = client.post(
        reverse("advisor:consent_add", args=[inquiry.pk]),
        {"consent-given_by": "X", "consent-given_date": "2024-03-04", "consent-method": "phone"},
    )
    assert response.status_code == 404
    assert (Forwarding.objects.count(), Consent.objects.count()) == (0, 0)
