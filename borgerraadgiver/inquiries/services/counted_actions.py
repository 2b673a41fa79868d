"""Counted actions on an inquiry: a meeting attended, help with a complaint or an application, a
follow-up question. Counted in the report beside the inquiry's main handling."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.minutes import minutes_check
from borgerraadgiver.inquiries.models import Inquiry, InquiryAction
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.organisation.models import Action


@transaction.atomic
def inquiry_action_add(
    *,
    inquiry: Inquiry,
    added_by: User,
    now: datetime.datetime,
    action: Action,
    action_date: datetime.date,
    note: str = "",
    minutes: int | None = None,
) -> InquiryAction:
    """Record a counted action on an inquiry: a meeting attended, help with a complaint, …

    Counted in the report beside the inquiry's main handling; several of the same kind count
    several times. Dated between the date received and today.
    """
    if not can_handle_inquiries(added_by):
        raise PermissionDenied
    if not action.is_active:
        raise ValidationError({"action": _("This action is no longer in use.")})
    if action_date < inquiry.received_date:
        raise ValidationError(
            {"action_date": _("The action is dated before the inquiry was received.")}
        )
    if action_date > timezone.localdate(now):
        raise ValidationError({"action_date": _("The date is in the future.")})
    minutes_check(minutes)
    inquiry_action = InquiryAction(
        inquiry=inquiry, action=action, action_date=action_date, note=note, minutes=minutes
    )
    inquiry_action.full_clean()
    inquiry_action.save()
    access_log_write(
        user=added_by,
        event=AccessEvent.COUNTED_ACTION_ADDED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return inquiry_action
