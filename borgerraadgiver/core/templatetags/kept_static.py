"""Django's `static` tag library, with each file's address kept per process where the address
depends on the file's name alone (issue 18).

In production the static files' names come from the manifest `collectstatic` wrote
(`ManifestStaticFilesStorage`, through WhiteNoise's): finding a name in it, joining it to
`STATIC_URL` and quoting it cost 30 µs a `{% static %}` here, five on every page for the same
five files. This library (in the place of Django's `static`, config/settings/templates_config.py)
keeps each address the storage gives while the storage and its manifest's names stay the
same, which in a served process is always. In DEBUG, with another storage, or a manifest
that may be asked for a file it does not name (`manifest_strict` off: the file is then read
and hashed each time), every address is Django's, each time. `tests/core/test_kept_static.py`
compares them.
"""

from typing import Any

from django import template
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.template import Context
from django.template.base import Parser, Token
from django.templatetags import static as django_static

STATICFILES = "staticfiles"

register = template.Library()
register.tags.update(django_static.register.tags)
register.filters.update(django_static.register.filters)

# The storage and its manifest's names the kept addresses were made from; the addresses by path.
# (A changed STATIC_URL, STATIC_ROOT or STORAGES makes Django make a new storage.)
_slot: tuple[object, object, dict[str, str]] | None = None


def static_url(path: str) -> str:
    """The address `{% static path %}` writes (`StaticNode.handle_simple`), kept per process
    for a strict manifest outside DEBUG."""
    global _slot
    storage: Any = storages[STATICFILES]
    fixed = (
        isinstance(storage, ManifestFilesMixin)
        and storage.manifest_strict
        and not settings.DEBUG
        and apps.is_installed("django.contrib.staticfiles")
    )
    if not fixed:
        return django_static.StaticNode.handle_simple(path)
    slot = _slot
    names = storage.hashed_files
    if slot is None or slot[0] is not storage or slot[1] is not names:
        # A new storage (changed settings), or new names (collectstatic in this process).
        slot = _slot = (storage, names, {})
    kept = slot[2]
    url = kept.get(path)
    if url is None:
        url = kept[path] = django_static.StaticNode.handle_simple(path)
    return url


class KeptStaticNode(django_static.StaticNode):
    def url(self, context: Context) -> str:
        return static_url(self.path.resolve(context))


@register.tag("static")
def do_static(parser: Parser, token: Token) -> KeptStaticNode:
    """Django's `{% static %}`, its addresses kept (`static_url`)."""
    return KeptStaticNode.handle_token(parser, token)  # type: ignore[return-value]
