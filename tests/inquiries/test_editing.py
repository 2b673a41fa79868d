import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services import Placement, inquiry_update
from tests.factories import (
    DepartmentFactory,
    HandlingTypeFactory,
    InquiryFactory,
    ReasonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def update(inquiry, user, now, **overrides):
    arguments = {
        "inquiry": inquiry,
        "changed_by": user,
        "now": now,
        "received_date": inquiry.received_date,
        "channel": inquiry.channel,
        "complainant_kind": inquiry.complainant_kind,
        "placement": Placement(area=inquiry.area, department=inquiry.department),
        "reasons": list(inquiry.reasons.all()),
        "handling_type": inquiry.handling_type,
        "summary": inquiry.summary,
        "status": inquiry.status,
        "closed_date": inquiry.closed_date,
        "referral_body": inquiry.referral_body,
        "advisor": inquiry.advisor,
    }
    arguments.update(overrides)
    return inquiry_update(**arguments)


def test_editing_records_who_changed_which_field_from_what_to_what(advisor, now):
    inquiry = InquiryFactory(summary="Før", department__name="Børn og Familie")
    other = DepartmentFactory(area=inquiry.area, name="Skole")

    changes = update(
        inquiry,
        advisor,
        now,
        summary="Efter",
        placement=Placement(area=inquiry.area, department=other),
    )

    recorded = {(c.field, c.old_value, c.new_value, c.changed_by, c.changed_at) for c in changes}
    assert recorded == {
        ("summary", "Før", "Efter", advisor, now),
        ("department", "Børn og Familie", "Skole", advisor, now),
    }
    inquiry.refresh_from_db()
    assert inquiry.summary == "Efter"
    assert inquiry.department == other
    assert AccessLogEntry.objects.filter(action="change", inquiry_id=inquiry.pk).exists()


def test_changing_reasons_is_recorded_as_the_lists_before_and_after(advisor, now):
    inquiry = InquiryFactory(reasons=[ReasonFactory(name="Manglende svar")])
    changes = update(
        inquiry,
        advisor,
        now,
        reasons=[ReasonFactory(name="Manglende svar"), ReasonFactory(name="Afgørelse")],
    )
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("reasons", "Manglende svar", "Afgørelse, Manglende svar")
    ]


def test_saving_without_changes_records_nothing(advisor, now):
    inquiry = InquiryFactory()
    assert update(inquiry, advisor, now) == []
    assert inquiry.changes.count() == 0


def test_closing_needs_a_closing_date_not_before_the_date_received(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        update(inquiry, advisor, now, status="closed", closed_date=None)
    assert "closed_date" in error.value.message_dict
    with pytest.raises(ValidationError):
        update(inquiry, advisor, now, status="closed", closed_date=datetime.date(2024, 2, 1))

    update(inquiry, advisor, now, status="closed", closed_date=datetime.date(2024, 4, 1))
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.closed_date) == ("closed", datetime.date(2024, 4, 1))


def test_reopening_clears_the_closing_date(advisor, now):
    inquiry = InquiryFactory(status="closed", closed_date=datetime.date(2024, 4, 1))
    update(inquiry, advisor, now, status="open", closed_date=datetime.date(2024, 4, 1))
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.closed_date) == ("open", None)


def test_an_inquiry_with_a_person_cannot_be_made_anonymous(advisor, now):
    inquiry = InquiryFactory()
    with pytest.raises(ValidationError):
        update(inquiry, advisor, now, complainant_kind="anonymous")
    assert Inquiry.objects.get(pk=inquiry.pk).complainant_kind == "citizen"


def test_a_user_who_is_not_an_advisor_cannot_edit(now):
    inquiry = InquiryFactory(summary="Før")
    with pytest.raises(PermissionDenied):
        update(inquiry, UserFactory(), now, summary="Efter")
    assert Inquiry.objects.get(pk=inquiry.pk).summary == "Før"


def test_handling_type_change_is_recorded_by_name(advisor, now):
    inquiry = InquiryFactory()
    dialogue = HandlingTypeFactory(name="Dialogsag", kind="dialogue")
    changes = update(inquiry, advisor, now, handling_type=dialogue)
    assert [(c.field, c.old_value, c.new_value) for c in changes] == [
        ("handling_type", "Råd og vejledning", "Dialogsag")
    ]


def test_an_anonymous_inquiry_can_be_edited(advisor, now):
    inquiry = InquiryFactory(complainant_kind="anonymous", person=None, summary="Før")
    update(inquiry, advisor, now, summary="Efter")
    inquiry.refresh_from_db()
    assert (inquiry.summary, inquiry.person) == ("Efter", None)


def test_an_anonymous_inquiry_cannot_become_named_without_a_person(advisor, now):
    inquiry = InquiryFactory(complainant_kind="anonymous", person=None)
    with pytest.raises(ValidationError) as error:
        update(inquiry, advisor, now, complainant_kind="citizen")
    assert "person_name" in error.value.message_dict
