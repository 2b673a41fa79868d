"""Template filters for figures, from `core.wording`.

`{{ n|count:hidden_below }}` writes '1.234' (Danish) or 'under 3' for a count the small-number
rule hid; `{{ n|change }}` '+12', '-3', '0', or '–' where a count is hidden; `{{ n|percent }}`
'74 %'; `{{ n|inquiries:hidden_below }}` 'ingen henvendelser', '1 henvendelse'."""

from django import template

from borgerraadgiver.core.wording import (
    INQUIRIES,
    count_words,
    format_count,
    format_number,
    format_percent,
)

register = template.Library()


@register.filter
def count(value: int | None, hidden_below: int = 1) -> str:
    return format_count(value, hidden_below=hidden_below)


@register.filter
def change(value: int | None) -> str:
    """A change beside the previous period: '+12', '-3', '0'; '–' where a count is hidden."""
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + format_number(value)


@register.filter
def percent(value: int | None) -> str:
    return format_percent(value)


@register.filter
def inquiries(value: int | None, hidden_below: int = 1) -> str:
    """'ingen henvendelser', '1 henvendelse', '122 henvendelser', 'under 3 henvendelser'."""
    return count_words(value, INQUIRIES, hidden_below=hidden_below)
