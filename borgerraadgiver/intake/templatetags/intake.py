"""The inbox's count in the main menu: one indexed COUNT, run only for the advisor's pages."""

from django import template

from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.intake.selectors import inbox_count

register = template.Library()


@register.simple_tag(takes_context=True)
def inbox_waiting(context: template.Context) -> int | None:
    user = context.get("user")
    if user is None or not can_handle_submissions(user):
        return None
    return inbox_count(user=user)
