"""Render Django form widgets with Det Fælles Designsystem's classes and ARIA links."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from borgerraadgiver.core.text import first_words as text_first_words

register = template.Library()

WIDGET_CLASSES = {
    "select": "form-select",
    "selectmultiple": "form-select form-select-multiple",
    "textarea": "form-input",
    "checkbox": "form-checkbox",
}


@register.filter
def dkfds_widget(field: BoundField) -> SafeString:
    """The widget with the design system's class, and its hint and error tied to it for readers."""
    widget_type = field.widget_type
    classes = [WIDGET_CLASSES.get(widget_type, "form-input")]
    existing = field.field.widget.attrs.get("class")
    if existing:
        classes.append(existing)
    attrs: dict[str, str | bool] = {"class": " ".join(classes)}
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


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
