"""A letter's plain text as HTML: paragraphs, line breaks and simple emphasis, nothing else.

The text is escaped first, so no HTML typed by a user reaches a document; then a blank line
starts a paragraph, a line break stays a line break, `**words**` are bold and `*words*` italic.

>>> text = "Kære <b>Jens</b>\\n\\nSagen er **modtaget**.\\nVi skriver *snart*."
>>> for part in letter_paragraphs(text):
...     print(part)
Kære &lt;b&gt;Jens&lt;/b&gt;
Sagen er <strong>modtaget</strong>.<br>Vi skriver <em>snart</em>.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraph(text: str) -> SafeString:
    html = str(escape(text.strip()))
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    html = _EMPHASIS.sub(r"<em>\1</em>", html)
    return mark_safe("<br>".join(line.strip() for line in html.split("\n")))  # noqa: S308 - escaped above


def letter_paragraphs(text: str) -> list[SafeString]:
    """The paragraphs of `text` as safe HTML, empty ones left out."""
    text = text.replace("\r\n", "\n")
    return [_paragraph(part) for part in _PARAGRAPH_BREAK.split(text) if part.strip()]
