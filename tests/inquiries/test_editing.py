import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.services.counted_actions import inquiry_action_add
from borgerraadgiver.inquiries.services.editing import inquiry_close, inquiry_reopen, inquiry_update
from borgerraadgiver.inquiries.services.inputs import Placement
from tests.factories import (
    ActionFactory,
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


def test_closing_an_inquiry_records_the_change(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    changes = inquiry_close(
        inquiry=inquiry, closed_by=advisor, now=now, closed_date=datetime.date(2024, 3, 20)
    )
    assert {c.field for c in changes} == {"status", "closed_date"}
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.closed_date) == ("closed", datetime.date(2024, 3, 20))


@pytest.mark.parametrize("day", [datetime.date(2024, 2, 1), datetime.date(2025, 1, 1)])
def test_closing_before_received_or_in_the_future_is_refused(advisor, now, day):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        inquiry_close(inquiry=inquiry, closed_by=advisor, now=now, closed_date=day)
    assert "closed_date" in error.value.message_dict
    assert Inquiry.objects.get(pk=inquiry.pk).status == "open"


def test_an_anonymous_inquiry_can_be_closed(advisor, now):
    inquiry = InquiryFactory(complainant_kind="anonymous", person=None)
    inquiry_close(inquiry=inquiry, closed_by=advisor, now=now, closed_date=now.date())
    assert Inquiry.objects.get(pk=inquiry.pk).status == "closed"


def test_reopening_clears_the_closing_date_and_allows_contacts_again(advisor, now):
    inquiry = InquiryFactory(status="closed", closed_date=datetime.date(2024, 4, 1))
    inquiry_reopen(inquiry=inquiry, reopened_by=advisor, now=now)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.closed_date) == ("open", None)
    with pytest.raises(ValidationError):
        inquiry_reopen(inquiry=inquiry, reopened_by=advisor, now=now)


def test_a_counted_action_is_added_and_counted_each_time(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    meeting = ActionFactory()
    for day in (5, 19):
        inquiry_action_add(
            inquiry=inquiry,
            added_by=advisor,
            now=now,
            action=meeting,
            action_date=datetime.date(2024, 3, day),
        )
    assert inquiry.actions.filter(action=meeting).count() == 2


def test_a_counted_action_before_the_inquiry_is_refused(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    with pytest.raises(ValidationError) as error:
        inquiry_action_add(
            inquiry=inquiry,
            added_by=advisor,
            now=now,
            action=ActionFactory(),
            action_date=datetime.date(2024, 2, 1),
        )
    assert "action_date" in error.value.message_dict


def test_only_an_advisor_closes_or_adds_actions(now):
    inquiry = InquiryFactory()
    outsider = UserFactory()
    with pytest.raises(PermissionDenied):
        inquiry_close(inquiry=inquiry, closed_by=outsider, now=now, closed_date=now.date())
    with pytest.raises(PermissionDenied):
        inquiry_action_add(
            inquiry=inquiry,
            added_by=outsider,
            now=now,
            action=ActionFactory(),
            action_date=now.date(),
        )


def test_moving_the_date_received_moves_the_first_contact(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    first = inquiry.contacts.create(contact_date=datetime.date(2024, 3, 1), kind="phone")
    later = inquiry.contacts.create(contact_date=datetime.date(2024, 3, 10), kind="email")
    update(inquiry, advisor, now, received_date=datetime.date(2024, 2, 27))
    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.contact_date, later.contact_date) == (
        datetime.date(2024, 2, 27),
        datetime.date(2024, 3, 10),
    )


def test_the_date_received_cannot_move_past_later_contacts(advisor, now):
    inquiry = InquiryFactory(received_date=datetime.date(2024, 3, 1))
    inquiry.contacts.create(contact_date=datetime.date(2024, 3, 1), kind="phone")
    inquiry.contacts.create(contact_date=datetime.date(2024, 3, 10), kind="email")
    with pytest.raises(ValidationError) as error:
        update(inquiry, advisor, now, received_date=datetime.date(2024, 3, 12))
    assert "received_date" in error.value.message_dict
    assert Inquiry.objects.get(pk=inquiry.pk).received_date == datetime.date(2024, 3, 1)
