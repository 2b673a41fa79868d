"""Numbers and counts in words, as the page's language writes them: the one place every output
(pages, CSV, XLSX, the report's HTML, Word and PDF, the command line) formats a figure.

Danish writes 1.234 and 9,5 (thousands point, decimal comma), "ingen henvendelser" rather than
"0 henvendelser", and puts a category's name used mid-sentence in quotes (»Udenfor
kompetence«) instead of bending it into the sentence. Django's localisation does the digits
(`number_format` with grouping forced, whatever `USE_THOUSAND_SEPARATOR` says); the words are
translatable strings. A count hidden by the small-number rule is None here and reads "under 3";
one hidden to protect another (`organisation.small_numbers.WITHHELD`, negative) reads "skjult".

Call these inside the language wanted (a request's, or `translation.override` for the report):

>>> from django.utils import translation
>>> with translation.override("da"):
...     format_number(1234), format_number(9.5), format_count(None, hidden_below=3)
('1.234', '9,5', 'under 3')
>>> with translation.override("en"):
...     format_number(1234), format_number(9.5), format_count(0)
('1,234', '9.5', '0')
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

Number = int | float | Decimal


def format_number(value: Number, *, decimals: int | None = None) -> str:
    """A number in the active language: whole numbers without decimals, others with one (or
    `decimals`); thousands grouped (Danish 12.345, English 12,345)."""
    if decimals is None:
        decimals = 0 if value == int(value) else 1
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def hidden_text(hidden_below: int) -> str:
    """What a hidden count reads: 'under 3'."""
    return _("under %(threshold)s") % {"threshold": format_number(hidden_below)}


def withheld_text() -> str:
    """What a count reads that is hidden although it is not small (so that a total cannot give
    a small one away), or a figure worked out from a hidden one."""
    return _("hidden")


def format_count(count: int | None, *, hidden_below: int = 1) -> str:
    """A count for a table cell: '1.234', '0', 'under 3' where the small-number rule hid it
    (None), 'skjult' where it was hidden to protect another (negative: `WITHHELD`)."""
    if count is None:
        return hidden_text(hidden_below)
    return withheld_text() if count < 0 else format_number(count)


def format_percent(percent: int | None, *, hidden_below: int = 1) -> str:
    """A share: '74 %' (Danish and English alike put a space before the sign in this report);
    a hidden count's share is hidden too: '–'."""
    if percent is None:
        return "–"
    return _("%(percent)s %%") % {"percent": format_number(percent)}


@dataclass(frozen=True)
class Noun:
    """A counted noun: its words for none, and for one or more (with `%(number)s` for the
    formatted number, and `count` deciding the plural)."""

    zero: str | Promise
    counted: str | Promise
    withheld: str | Promise


INQUIRIES = Noun(
    zero=gettext_lazy("no inquiries"),
    counted=ngettext_lazy("%(number)s inquiry", "%(number)s inquiries", "count"),
    withheld=gettext_lazy("a hidden number of inquiries"),
)
CASES = Noun(
    zero=gettext_lazy("no cases"),
    counted=ngettext_lazy("%(number)s case", "%(number)s cases", "count"),
    withheld=gettext_lazy("a hidden number of cases"),
)


def count_words(count: int | None, noun: Noun = INQUIRIES, *, hidden_below: int = 1) -> str:
    """A count with its noun, for a sentence: 'ingen henvendelser', '1 henvendelse',
    '1.234 henvendelser', 'under 3 henvendelser' (a hidden count).

    >>> from django.utils import translation
    >>> with translation.override("da"):
    ...     [count_words(n) for n in (0, 1, 1234)], count_words(None, hidden_below=3)
    (['ingen henvendelser', '1 henvendelse', '1.234 henvendelser'], 'under 3 henvendelser')
    """
    if count == 0:
        return str(noun.zero)
    if count is None:
        return noun.counted % {"count": hidden_below, "number": hidden_text(hidden_below)}
    if count < 0:
        return str(noun.withheld)
    return noun.counted % {"count": count, "number": format_number(count)}


def quoted(name: str) -> str:
    """A category's name (an area, a reason, a handling type) used mid-sentence, in the
    language's quotes: Danish »Udenfor kompetence«, English “Outside competence”."""
    return _("“%(name)s”") % {"name": name}
