"""Where the citizen came from and the time spent: one rule each, on every way in (the pages,
the API, the import)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from borgerraadgiver.activities.services import activity_create
from borgerraadgiver.core.minutes import MINUTES_TOO_FEW, MINUTES_TOO_MANY
from borgerraadgiver.imports.services import import_run
from borgerraadgiver.inquiries.models import Contact, Inquiry
from borgerraadgiver.inquiries.services.inputs import Placement
from borgerraadgiver.inquiries.services.registration import inquiry_register
from borgerraadgiver.inquiries.services.rules import REFERRED_BY_RETIRED
from borgerraadgiver.organisation.models import ActivityKind, ReferralSource
from tests.api.conftest import token_client
from tests.api.test_inquiries import LIST, lists, registration  # noqa: F401 (a fixture)
from tests.factories import (
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
)
from tests.imports.conftest import HEADER, csv_file, english, org, row  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2024, 6, 14, 10, 30))


@pytest.fixture
def sources(db):
    return {
        "web": ReferralSource.objects.create(name="Hjemmesiden"),
        "old": ReferralSource.objects.create(name="Avisen", is_active=False),
    }


def _register(advisor, **kwargs):
    department = DepartmentFactory()
    return inquiry_register(
        registered_by=advisor,
        now=NOW,
        received_date=datetime.date(2024, 6, 10),
        channel="phone",
        complainant_kind="anonymous",
        placements=[Placement(area=department.area, department=department)],
        reasons=[ReasonFactory()],
        handling_type=HandlingTypeFactory(),
        **kwargs,
    )


def test_a_registration_keeps_who_referred_the_citizen_and_refuses_a_retired_source(
    advisor, sources
):
    (inquiry,) = _register(advisor, referred_by=sources["web"])
    assert inquiry.referred_by == sources["web"]
    with pytest.raises(ValidationError) as refused:
        _register(advisor, referred_by=sources["old"])
    assert refused.value.message_dict == {
        "referred_by": [str(REFERRED_BY_RETIRED) % {"name": "Avisen"}]
    }


def test_an_inquiry_keeps_its_retired_source_when_edited(advisor_client, sources):
    inquiry = InquiryFactory(referred_by=sources["old"])
    page = advisor_client.get(reverse("advisor:inquiry_edit", args=[inquiry.pk]))
    assert "Avisen" in page.content.decode()
    assert page.context["form"].initial["referred_by"] == sources["old"].pk


def test_the_api_takes_the_source_by_the_same_rule(advisor, sources, lists):  # noqa: F811
    api = token_client(advisor)
    made = api.post(LIST, registration(lists, referred_by=sources["web"].pk), format="json")
    assert made.status_code == 201, made.content
    assert made.json()["inquiries"][0]["referred_by"] == sources["web"].pk
    refused = api.post(LIST, registration(lists, referred_by=sources["old"].pk), format="json")
    assert refused.status_code == 400
    assert "Avisen" in refused.json()["referred_by"][0]


def test_the_import_reads_the_optional_referred_by_column(org, sources):  # noqa: F811
    def run(value: str, dry_run: bool):
        return import_run(
            kind="inquiries",
            file=csv_file([[*row(), value]], header=[*HEADER, "referred_by"]),
            file_name="historik.csv",
            user=None,
            now=NOW,
            dry_run=dry_run,
        )

    wrong = run("Naboen", dry_run=True)
    assert [(e.row, e.column) for e in wrong.errors] == [(2, "referred_by")]
    assert "Naboen" in wrong.errors[0].message
    # An earlier year may name a source since retired, as it may a retired reason.
    assert run("Avisen", dry_run=False).errors == []
    assert Inquiry.objects.get().referred_by == sources["old"]


@pytest.mark.parametrize(
    ("typed", "status", "message"),
    [("0", 400, MINUTES_TOO_FEW), ("721", 400, MINUTES_TOO_MANY), ("45", 302, None)],
)
def test_minutes_on_a_contact_are_optional_and_checked(advisor_client, typed, status, message):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    with translation.override("en"):
        response = advisor_client.post(
            reverse("advisor:contact_add", args=[inquiry.pk]),
            {"contact_date": "2024-03-05", "kind": "phone", "minutes": typed},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == status
    if message:
        assert not Contact.objects.exists()
    else:
        assert Contact.objects.get().minutes == 45


def test_minutes_on_an_activity_follow_the_same_rule(advisor):
    kind = ActivityKind.objects.create(name="Oplæg")
    activity = activity_create(
        created_by=advisor,
        now=NOW,
        activity_date=datetime.date(2024, 6, 1),
        kind=kind,
        audience="Ledergruppen",
        minutes=90,
    )
    assert activity.minutes == 90
    with pytest.raises(ValidationError) as refused:
        activity_create(
            created_by=advisor,
            now=NOW,
            activity_date=datetime.date(2024, 6, 1),
            kind=kind,
            audience="Ledergruppen",
            minutes=0,
        )
    assert refused.value.message_dict == {"minutes": [str(MINUTES_TOO_FEW)]}
