"""Django's `i18n` tag library, with `{% translate "text" %}` translated once per process for
each language (issue 18).

Django's tag makes a lazy translation of the text on every drawing, turns it into a string and
checks it for escaping: 9–17 µs a tag on the machines measured, and the inquiry page has 69 of
them. A text written in the template translates the same way every time in a language, so this
library (in the place of Django's `i18n`, config/settings `TEMPLATES` "libraries") keeps what
Django's tag writes for each language and text. Everything else (a variable, a filter,
`noop`, `context`) is Django's own tag; every other tag of the library is Django's.
`tests/core/test_kept_i18n.py` compares the two for every translated text of the project's
templates, in each language.

The kept texts are forgotten whenever Django forgets its catalogues (`core.catalogues`): when a
test changes the languages, the default language, the translation folders or the installed apps,
and when the development server sees a changed `.mo` file.
"""

from django import template
from django.template import Context, Variable
from django.template.base import Parser, Token, render_value_in_context
from django.templatetags import i18n as django_i18n
from django.utils import translation
from django.utils.safestring import SafeData, mark_safe

from borgerraadgiver.core.catalogues import forget_with_catalogues

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)

# (language, text) → what Django's tag writes for the text in that language. A text written
# in a template is safe, so autoescaping does not change it.
_kept: dict[tuple[str | None, str], str] = {}


forget_with_catalogues(_kept.clear)


class KeptTranslateNode(django_i18n.TranslateNode):
    def __init__(self, node: django_i18n.TranslateNode) -> None:
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        var = self.filter_expression.var
        plain = (
            not self.noop
            and self.message_context is None
            and not self.filter_expression.filters
            and isinstance(var, Variable)
            and isinstance(var.literal, str)
        )
        self.text: str | None = var.literal if plain else None
        if plain:
            var.translate = True  # what Django's render sets each time

    def render(self, context: Context) -> str:
        if self.text is None:
            return super().render(context)
        key = (translation.get_language(), self.text)
        value = _kept.get(key)
        if value is None:
            value = _kept[key] = self._translated(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _translated(self, context: Context) -> str:
        """The text as Django's tag writes it: translated, escaped unless safe (a text written
        in a template is), and the percent signs it doubled for translating restored."""
        value = render_value_in_context(self.filter_expression.resolve(context), context)
        restored = value.replace("%%", "%")
        return mark_safe(restored) if isinstance(value, SafeData) else restored  # noqa: S308


def _kept_translate(parser: Parser, token: Token) -> template.Node:
    node = django_i18n.do_translate(parser, token)
    return KeptTranslateNode(node) if isinstance(node, django_i18n.TranslateNode) else node


register.tag("translate", _kept_translate)
register.tag("trans", _kept_translate)
