"""`{% url %}` with each address's pattern reversed once per process (issue 18).

Django reverses every `{% url %}` tag on every page: about 55 µs each on this machine, and the
inquiry page has 23 of them (a twentieth of its time). The addresses are the same for every
request: no address here depends on the language or the request. This tag, registered as a
built-in so that it takes the place of Django's `url` in every template (config/settings),
reverses a name once with a stand-in number for each argument (`core.urls.address_pattern`)
and then fills in the numbers; whatever it cannot write that way (keyword arguments, an
argument that is not a whole number from 0 up, a name whose pattern does not take a stand-in)
it leaves to Django's own tag. The addresses are the ones Django writes:
`tests/core/test_kept_urls.py` compares them for every URL name of the project.
"""

from django import template
from django.template import Context
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.utils.html import conditional_escape

from borgerraadgiver.core.urls import address_pattern

register = template.Library()


class KeptURLNode(URLNode):
    def render(self, context: Context) -> str:
        if self.kwargs:
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        # Whole numbers from 0 up, as `<int:…>` takes them: a bool, a negative number (which
        # the pattern refuses) or anything else is Django's to write or refuse.
        if any(type(arg) is not int or arg < 0 for arg in args):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        pattern = address_pattern(view_name, len(args), _current_app(context))
        if pattern is None:
            return super().render(context)
        address = pattern.format(*args)
        if self.asvar:
            context[self.asvar] = address
            return ""
        return conditional_escape(address) if context.autoescape else address


def _current_app(context: Context) -> str | None:
    """The application namespace Django's tag reverses in (the admin site's, say), found as
    Django's tag finds it."""
    try:
        return context.request.current_app  # type: ignore[attr-defined]
    except AttributeError:
        try:
            return context.request.resolver_match.namespace  # type: ignore[attr-defined]
        except AttributeError:
            return None


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> URLNode:
    """Django's `{% url %}`, written from the kept patterns."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
