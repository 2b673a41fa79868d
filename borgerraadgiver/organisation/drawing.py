"""HTML drawn once a process for the office's lists as they are (issue 18).

The registration page's empty form is the same for every advisor on a day, in a language, while
the office's lists stay the same: its fields and seven lists cost the page two thirds of its
instructions to draw, on every showing. `kept_drawing` keeps such HTML and draws it again when
anything it may depend on changes:

- the key given (the form's kind, the day, …): whatever the HTML depends on besides the lists;
- the language;
- the lists' token (`organisation.kept`: any change of an area, department, reason, handling
  type, action, referral body or source, the office or who manages what);
- any rows the process reads into its kept lists or drops (a number, `kept.kept_number`);
- the oldest kept rows' age: a drawing lives no longer than the rows it may have been drawn
  from (`kept.kept_fresh_until`), so a change written past the triggers shows within
  `kept.KEEP_SECONDS`, as the lists do;
- any setting (the tests), and the catalogues Django reads again (`core.catalogues`).

A drawing that asks the database anything is not kept: what it shows comes from the kept lists
alone. What is drawn must depend on nothing the key does not name (the form's values, a list's
filters, the years to choose from), and never on anything typed about a person: the form's
token and the CSRF token stay outside (`{% drawn_once %}`), and a search's words are never kept
(`DrawnFilterForm`).
"""

import time
from collections.abc import Callable, Hashable
from typing import Any, ClassVar

from django import forms
from django.core.signals import setting_changed
from django.db import connections
from django.dispatch import receiver
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from borgerraadgiver.core.catalogues import forget_with_catalogues
from borgerraadgiver.organisation import kept

# The drawings a process keeps at most: a key may name a day, or a list's filters.
DRAWN_MAX = 128

# By key and language: the lists' token and the kept rows' number it was drawn under, when it
# expires, and the HTML.
_drawn: dict[tuple[Hashable, str | None], tuple[str, int, float, SafeString]] = {}
forget_with_catalogues(_drawn.clear)


def kept_drawing(key: Hashable, draw: Callable[[], str], *, using: str = "default") -> SafeString:
    """`draw()`'s HTML, drawn again only when `key`, the language or the office's lists (as this
    request's transaction sees them) change. Drawn each time where the database has no token,
    for a key that is not a tuple (a template's missing variable), and kept only when drawing it
    asked the database nothing: what it shows comes from the kept lists alone."""
    token = kept.token(using)
    if token is None or not isinstance(key, tuple):
        return mark_safe(draw())  # noqa: S308 - the template's own drawing, escaped by it
    full_key = (key, translation.get_language())
    number = kept.kept_number()
    try:
        found = _drawn.get(full_key)
    except TypeError:  # a value that cannot be a key
        return mark_safe(draw())  # noqa: S308 - as above
    now = time.monotonic()
    if found is not None and found[0] == token and found[1] == number and now < found[2]:
        # Used last: the last to make room (unless another thread has dropped it meanwhile).
        if (used := _drawn.pop(full_key, None)) is not None:
            _drawn[full_key] = used
        return found[3]
    asked: list[str] = []
    with connections[using].execute_wrapper(_noting(asked)):
        html = mark_safe(draw())  # noqa: S308 - as above
    # Kept only if no rows were read or dropped meanwhile (the drawing may hold either), and the
    # drawing read nothing but kept rows.
    if not asked and kept.kept_number() == number and kept.token(using) == token:
        _drawn.pop(full_key, None)
        # The drawing used longest ago makes room; from a copy, passing over keys another
        # thread dropped meanwhile.
        for old in list(_drawn)[: max(0, len(_drawn) - DRAWN_MAX + 1)]:
            _drawn.pop(old, None)
        _drawn[full_key] = (token, number, kept.kept_fresh_until(using, since=now), html)
    return html


def _noting(asked: list[str]) -> Callable[..., Any]:
    def note(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        asked.append(sql)
        return execute(sql, *args)

    return note


@receiver(setting_changed)
def _forget_on_setting(**kwargs: Any) -> None:
    """A test's changed setting (the attachments' limits a hint names, say): drawn again."""
    _drawn.clear()


class DrawnOnceForm(forms.Form):
    """A form whose fields are the same in every instance but for their values and the office's
    lists: empty, they are drawn once a process (`{% drawn_once form.drawing_key %}`) for their
    values. `drawn_apart` names fields drawn outside that block, whose values vary (a person's
    name); a form with data (sent back with an error) is drawn each time."""

    drawn_apart: ClassVar[tuple[str, ...]] = ()

    def drawing_key(self) -> tuple[Any, ...] | None:
        if self.is_bound:
            return None
        return self.drawn_key()

    def drawn_key(self, *extra: Hashable) -> tuple[Any, ...]:
        """The key of the fields' drawing: the form's kind, options and values (as given, bound
        or not), and `extra`, whatever else this instance's fields are drawn from."""
        values = tuple(
            (name, self[name].value()) for name in self.fields if name not in self.drawn_apart
        )
        options = (self.label_suffix, self.use_required_attribute, self.error_class, self.is_bound)
        return (type(self), self.prefix, self.auto_id, options, type(self.renderer), values, extra)


class DrawnFilterForm(DrawnOnceForm):
    """A list's filters, a GET form: drawn once a process for each choice of filters, as for
    none. A search's words are never kept (`searched`: with any, the form is drawn each time),
    nor a choice with an error. `drawn_from()` names what else the fields are drawn from."""

    searched: ClassVar[tuple[str, ...]] = ()

    def drawing_key(self) -> tuple[Any, ...] | None:
        if any(self[name].value() for name in self.searched):  # given or initial
            return None
        if self.is_bound and not self.is_valid():
            return None
        return self.drawn_key(*self.drawn_from())

    def drawn_from(self) -> tuple[Hashable, ...]:
        return ()
