"""Reads a page's form fields from its HTML and builds hypothesis strategies for posting to it.

The fuzz tests post what a hostile or broken client could send: any unicode (null bytes, lone
surrogates are not encodable and left out), huge strings, odd dates and numbers, and now and then
a valid choice from the page so that deeper code runs too.
"""

from html.parser import HTMLParser

from hypothesis import strategies as st

ODD_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "31.12.2024",
    "2024-06-14T10:30",
    "<script>alert(1)</script>",
    "'; DROP TABLE inquiries_inquiry; --",
    "%s%s%n",
    "../../etc/passwd",
    "Ærø Øster Åby ß ǅ ﬁ",
    "\u202eevil",
    "😀" * 50,
    "x" * 100_000,
]


class FormFields(HTMLParser):
    """Field names and, for choices, the values offered, of the forms on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag in {"input", "textarea", "select"} and name:
            if name == "csrfmiddlewaretoken" or a.get("type") in {"submit", "file"}:
                return
            values = self.fields.setdefault(name, [])
            if tag == "input" and a.get("value") and a.get("type") in {"checkbox", "radio"}:
                values.append(a["value"] or "")
            if tag == "select":
                self._select = name
        elif tag == "option" and self._select:
            self.fields[self._select].append(a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def form_fields(html: str, only: str | tuple[str, ...] = "") -> dict[str, list[str]]:
    """The fields whose name starts with `only` (a form's prefix), or those named in it."""
    parser = FormFields()
    parser.feed(html)
    return {
        name: values
        for name, values in parser.fields.items()
        if (name in only if isinstance(only, tuple) else name.startswith(only))
    }


def value_for(choices: list[str]) -> st.SearchStrategy[str | list[str]]:
    text = st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
    )  # any unicode but lone surrogates, which no client can encode
    one = st.one_of(
        text, st.sampled_from(ODD_VALUES), *([st.sampled_from(choices)] if choices else [])
    )
    many = st.lists(one, max_size=4)
    return st.one_of(one, many)


def post_data(fields: dict[str, list[str]]) -> st.SearchStrategy[dict]:
    """Each field present or missing, with any value (several values for the same name too)."""
    return st.fixed_dictionaries(
        {}, optional={name: value_for(choices) for name, choices in fields.items()}
    )
