"""The load test's users post what the app accepts (bench/load/load_forms.py).

A form that gains a required field refuses the load test's posts, and the load test then fails on
its own script rather than on the app: the portal's answer form gained its confirmation box and
every answer of a load run was refused for a week before it was noticed.
"""

import datetime
import importlib.util
import re
from pathlib import Path

import pytest
from django.urls import reverse

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import HandlingType
from tests.factories import DepartmentFactory, ReasonFactory, UserFactory
from tests.login import verified_client

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location(
    "load_forms", Path(__file__).resolve().parent.parent / "bench" / "load" / "load_forms.py"
)
assert _spec is not None and _spec.loader is not None
load_forms = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(load_forms)


def test_an_advisor_registers_gets_consent_and_forwards_and_the_manager_answers(
    advisor_client, handling_kinds
):
    department = DepartmentFactory()
    manager = UserFactory()
    manager.managed_departments.add(department)
    reasons = [ReasonFactory().pk, ReasonFactory().pk]
    today = datetime.date.today()

    registered = advisor_client.post(
        reverse("advisor:inquiry_register"),
        load_forms.registration_form(
            csrf="",
            token="abc123",
            department=f"d{department.pk}",
            reasons=reasons,
            handling_type=handling_kinds[HandlingType.Kind.ADVICE].pk,
            today=today,
        ),
    )
    assert registered.status_code == 302, registered.content.decode()[:2000]
    inquiry = Inquiry.objects.get(pk=int(re.findall(r"/inquiries/(\d+)/$", registered.url)[0]))
    assert "abc123" in inquiry.summary

    consented = advisor_client.post(
        f"/inquiries/{inquiry.pk}/consents/new/", load_forms.consent_form(csrf="", today=today)
    )
    assert consented.status_code == 302
    forwarded = advisor_client.post(
        f"/inquiries/{inquiry.pk}/forwardings/new/",
        load_forms.forwarding_form(csrf="", department=str(department.pk)),
    )
    assert forwarded.status_code == 302
    forwarding = Forwarding.objects.get(inquiry=inquiry)
    assert forwarding.status == Forwarding.Status.SENT

    answered = verified_client(manager).post(
        f"/portal/{forwarding.pk}/answer/", load_forms.answer_form(csrf="")
    )
    assert answered.status_code == 302
    forwarding.refresh_from_db()
    assert forwarding.status == Forwarding.Status.ANSWERED


def test_a_registration_with_the_form_pages_one_time_token_is_accepted(
    advisor_client, handling_kinds
):
    # bench/concurrency_locust.py reads the form page first and posts its one-time token.
    department = DepartmentFactory()
    page = advisor_client.get(reverse("advisor:inquiry_register")).content.decode()
    once = re.findall(r'name="once" value="([a-p]{32})"', page)
    assert once, "the form page has no one-time token"
    registered = advisor_client.post(
        reverse("advisor:inquiry_register"),
        load_forms.registration_form(
            csrf="",
            token="def456",
            department=f"d{department.pk}",
            reasons=[ReasonFactory().pk],
            handling_type=handling_kinds[HandlingType.Kind.ADVICE].pk,
            today=datetime.date.today(),
            once=once[0],
        ),
    )
    assert registered.status_code == 302, registered.content.decode()[:2000]
    assert Inquiry.objects.filter(summary__contains="def456").count() == 1
