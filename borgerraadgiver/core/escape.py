"""HTML escaping for the parts of pages written in Python (issue 18): Django's text, without its
check of every argument for a lazy translation.

`django.utils.html.escape`, which `conditional_escape` calls, is wrapped in `keep_lazy`, which
looks at every argument before the call; a form page escapes some 500 values (labels, options,
ids), and the check cost more than the escaping. These give the same text.
"""

import html
from typing import Any

from django.utils.functional import Promise


def escape_text(text: object) -> str:
    """`django.utils.html.escape`'s text: the standard library's escape, quotes included.

    >>> escape_text('<b title="x">Tom & Jerry\\'s</b>')
    '&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/b&gt;'
    >>> escape_text(7)
    '7'
    """
    return html.escape(str(text))


def html_text(value: Any) -> str:
    """`django.utils.html.conditional_escape`'s text: HTML already marked safe as it is (its
    `__html__`), anything else escaped; a lazy translation is translated first.

    >>> from django.utils.safestring import mark_safe
    >>> html_text(mark_safe("<b>fed</b>")), html_text("<b>")
    ('<b>fed</b>', '&lt;b&gt;')
    """
    if isinstance(value, Promise):
        value = str(value)
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))
