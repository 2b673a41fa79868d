"""The inbox in other apps' pages: its count in the menu, and an inquiry's web-form origin."""

from django import template

from borgerraadgiver.core.prefetch import may_have
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.intake import selectors
from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.intake.selectors import submissions_of_inquiry

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_waiting(context: template.Context) -> int | None:
    user = context.get("user")
    return None if user is None else selectors.inbox_waiting(user=user)


@register.inclusion_tag("intake/inquiry_submissions.html", takes_context=True)
def inquiry_submissions(context: template.Context, inquiry: Inquiry) -> dict[str, object]:
    """On the inquiry's page: the web-form messages it came from, and their files (one query)."""
    user = context.get("user")
    if user is None or not can_handle_submissions(user) or not may_have(inquiry, "submissions"):
        return {"submissions": []}
    return {"submissions": submissions_of_inquiry(user=user, inquiry_id=inquiry.pk)}
