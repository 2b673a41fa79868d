"""No English on a Danish page: every page of the walk (tests/page_walk.py), rendered in Danish,
holds none of a list of words that are English and not Danish.

Text and the attributes a screen reader reads (aria-label, alt, title, placeholder, the stacked
tables' data-title) are scanned; scripts, styles and <code> (a file's column names, machine keys)
are not. The words are chosen so that no Danish word is among them ("is", "time", "sent", "and"
are Danish) and none is a key that a page shows as data (an export's filters: "received").
"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.audit.test_access_log_discovered import world
from tests.page_walk import page_walk

pytestmark = pytest.mark.django_db

__all__ = ["world"]  # the access-log walk's world, used here as a fixture

ENGLISH = re.compile(
    r"\b(the|of|with|inquiry|inquiries|department|departments|forwarding|forwardings|save|"
    r"cancel|edit|delete|search|page|entries|entry|edition|deleted|none|yes|answer|answered|"
    r"report|back|add|remove|contact|reason|reasons|user|users|detail|details|month|months|"
    r"year|years|next|previous|attempt|attempts|failed|changed|viewed|opened|"
    r"choose|download as|front page|overview|submitted|approved|withdrawn)\b",
    re.IGNORECASE,
)
# Pages whose English is not ours to translate, with the reason.
NOT_OURS = {
    # Django's admin writes alt="Search" on the changelist's search icon in every language.
    "admin": "Django's admin templates",
}
READ_ATTRIBUTES = {"aria-label", "alt", "title", "placeholder", "data-title"}


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code"):
            self.hidden += 1
        self.parts.extend(value for name, value in attrs if name in READ_ATTRIBUTES and value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def english_in(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [
        line.strip()[:120]
        for part in parser.parts
        for line in part.splitlines()
        if ENGLISH.search(line)
    ]


def test_english_words_are_found_in_an_english_page():
    assert english_in("<p>Save the inquiry</p><img alt='Search'>") == [
        "Save the inquiry",
        "Search",
    ]
    assert english_in("<p>Gem henvendelsen</p><script>var the = 1;</script>") == []


def test_no_danish_page_holds_english(world, now):
    with translation.override("da"):
        walk = page_walk(world, now)
    found = {
        f"{name} ({url})": lines
        for pages in walk.pages.values()
        for name, url, html in pages
        if name.split(":")[0] not in NOT_OURS and (lines := english_in(html))
    }
    assert found == {}, "English on Danish pages:\n" + "\n".join(
        f"{page}: {lines[:5]}" for page, lines in found.items()
    )
    assert sum(len(pages) for pages in walk.pages.values()) > 40  # the walk reached the pages
