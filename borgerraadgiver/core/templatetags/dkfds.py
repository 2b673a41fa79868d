"""Render Django form widgets with Det Fælles Designsystem's classes and ARIA links."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from borgerraadgiver.core.fields import field_html, widget_html
from borgerraadgiver.core.text import first_words as text_first_words

register = template.Library()


@register.filter
def dkfds_widget(field: BoundField) -> SafeString:
    """The widget with the design system's class, and its hint and error tied to it for readers."""
    return widget_html(field)


@register.simple_tag
def dkfds_field(
    field: BoundField, hide_optional: bool = False, columns: bool = False
) -> SafeString:
    """The field with its label, hint and error (`core.fields.field_html`)."""
    return field_html(field, hide_optional=hide_optional, columns=columns)


def _current_sort(context: template.Context) -> str:
    filters = context.get("filters")
    return str(getattr(filters, "sort", ""))


@register.simple_tag(takes_context=True)
def sort_link(context: template.Context, key: str) -> str:
    """The query string that sorts the list by `key`, flipping direction when already sorted so."""
    current = _current_sort(context)
    target = f"-{key}" if current == key else key
    base = context.get("sort_query", "")
    return f"?{base}&sort={target}" if base else f"?sort={target}"


@register.simple_tag(takes_context=True)
def aria_sort(context: template.Context, key: str) -> str:
    current = _current_sort(context)
    if current == key:
        return "ascending"
    if current == f"-{key}":
        return "descending"
    return "none"


@register.filter
def first_words(text: str) -> str:
    """What a case is about, in one line of a list (`core.text.first_words`)."""
    return text_first_words(text or "")
