"""Showing the survey's results and the time spent: labels and hidden small counts."""

from django import template
from django.utils.translation import gettext as _

from borgerraadgiver.feedback.models import QUESTIONS
from borgerraadgiver.organisation.models import HandlingType

register = template.Library()


@register.filter
def handling_kind_label(kind: str) -> str:
    """'advice' → 'Advice only', in the reader's language."""
    try:
        return str(HandlingType.Kind(kind).label)
    except ValueError:
        return kind


@register.filter
def question_label(key: str) -> str:
    return str(dict(QUESTIONS).get(key, key))


@register.filter
def small_count(count: int | None, threshold: int) -> str:
    """A count, or 'under N' where the small-number rule hides it."""
    if count is None:
        return _("under %(threshold)s") % {"threshold": threshold}
    return str(count)


@register.filter
def verdict(counts: tuple[tuple[str, int | None], ...], key: str) -> int | None:
    """One verdict's count from a question's (verdict, count) pairs."""
    return dict(counts).get(key)
