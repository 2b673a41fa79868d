"""Two users editing the same inquiry: the later save is refused, never silently overwritten."""

import pytest
from django.urls import reverse

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import editing
from borgerraadgiver.inquiries.services.inputs import Placement
from tests.factories import AdvisorFactory, InquiryFactory

pytestmark = pytest.mark.django_db


def _form_data(client, inquiry: Inquiry) -> dict:
    form = client.get(reverse("advisor:inquiry_edit", args=[inquiry.pk])).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["reasons"] = [r.pk for r in inquiry.reasons.all()]
    return {k: v for k, v in data.items() if v is not None}


def test_the_second_of_two_saves_is_refused_and_shows_the_first_change(
    advisor_client, other_advisor_client
):
    inquiry = InquiryFactory(summary="Som registreret")
    url = reverse("advisor:inquiry_edit", args=[inquiry.pk])
    first = _form_data(advisor_client, inquiry)
    second = _form_data(other_advisor_client, inquiry)
    assert first["version"] == second["version"] == 1

    first["summary"] = "Rettet af den første"
    assert advisor_client.post(url, first).status_code == 302
    second["summary"] = "Rettet af den anden"
    response = other_advisor_client.post(url, second, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this inquiry while you were editing it" in content
    assert "Rettet af den første" in content  # the other user's change, shown
    assert "Rettet af den anden" in content  # what this user typed, kept in the form
    inquiry.refresh_from_db()
    assert inquiry.summary == "Rettet af den første"
    assert inquiry.version == 2
    assert response.context["form"]["version"].value() == "2"


def test_the_conflict_page_showing_a_colleagues_changes_is_logged(
    advisor_client, other_advisor_client
):
    inquiry = InquiryFactory(summary="Som registreret")
    url = reverse("advisor:inquiry_edit", args=[inquiry.pk])
    first = _form_data(advisor_client, inquiry)
    second = _form_data(other_advisor_client, inquiry)
    advisor_client.post(url, {**first, "summary": "Rettet af den første"})

    response = other_advisor_client.post(url, {**second, "summary": "Rettet af den anden"})

    assert response.status_code == 409
    shown = AccessLogEntry.objects.get(event="inquiry_edit_conflict_shown")
    assert (shown.username, shown.inquiry_id, shown.person_id) == (
        "advisor2",
        inquiry.pk,
        inquiry.person_id,
    )


def test_saving_again_after_the_conflict_keeps_the_second_users_text(
    advisor_client, other_advisor_client
):
    inquiry = InquiryFactory(summary="Som registreret")
    url = reverse("advisor:inquiry_edit", args=[inquiry.pk])
    first = _form_data(advisor_client, inquiry)
    second = _form_data(other_advisor_client, inquiry)
    first["summary"] = "Første"
    advisor_client.post(url, first)
    second["summary"] = "Anden"
    refused = other_advisor_client.post(url, second)
    again = {name: refused.context["form"][name].value() for name in refused.context["form"].fields}
    again = {k: v for k, v in again.items() if v is not None}

    assert other_advisor_client.post(url, again).status_code == 302

    inquiry.refresh_from_db()
    assert (inquiry.summary, inquiry.version) == ("Anden", 3)
    assert [c.new_value for c in inquiry.changes.filter(field="summary")] == ["Første", "Anden"]


def test_the_version_rises_with_every_change_and_not_without_one(advisor, now):
    inquiry = InquiryFactory()
    common = {
        "inquiry": inquiry,
        "changed_by": advisor,
        "now": now,
        "received_date": inquiry.received_date,
        "channel": inquiry.channel,
        "complainant_kind": inquiry.complainant_kind,
        "placement": Placement(area=inquiry.area, department=inquiry.department),
        "reasons": list(inquiry.reasons.all()),
        "handling_type": inquiry.handling_type,
        "status": Inquiry.Status.OPEN,
        "closed_date": None,
        "advisor": inquiry.advisor,
    }
    editing.inquiry_update(**common, summary="Ny tekst", expected_version=1)
    assert Inquiry.objects.get(pk=inquiry.pk).version == 2
    editing.inquiry_update(**common, summary="Ny tekst", expected_version=2)  # no change
    assert Inquiry.objects.get(pk=inquiry.pk).version == 2
    editing.inquiry_close(
        inquiry=inquiry, closed_by=advisor, now=now, closed_date=now.date(), expected_version=2
    )
    assert Inquiry.objects.get(pk=inquiry.pk).version == 3
    editing.inquiry_reopen(inquiry=inquiry, reopened_by=advisor, now=now)
    assert Inquiry.objects.get(pk=inquiry.pk).version == 4


def test_a_stale_service_call_writes_nothing_and_carries_the_other_change(advisor, now):
    other = AdvisorFactory()
    inquiry = InquiryFactory(summary="Før")
    stale_copy = Inquiry.objects.get(pk=inquiry.pk)
    editing.inquiry_close(inquiry=inquiry, closed_by=other, now=now, closed_date=now.date())

    with pytest.raises(editing.StaleInquiry) as refused:
        editing.inquiry_reopen(inquiry=stale_copy, reopened_by=advisor, now=now, expected_version=1)

    assert refused.value.current_version == 2
    assert [(c.field, c.changed_by) for c in refused.value.changes] == [
        ("status", other),
        ("closed_date", other),
    ]
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.version) == (Inquiry.Status.CLOSED, 2)


def test_another_users_edit_form_is_not_found(plain_client):
    inquiry = InquiryFactory()
    response = plain_client.post(
        reverse("advisor:inquiry_edit", args=[inquiry.pk]), {"summary": "x", "version": 1}
    )
    assert response.status_code in (403, 404)
    inquiry.refresh_from_db()
    assert inquiry.version == 1
