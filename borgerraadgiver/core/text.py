"""Short forms of free text, for lists that say what a case is about in one line."""

FIRST_WORDS = 10
FIRST_CHARACTERS = 80
ELLIPSIS = "…"


def first_words(text: str, *, words: int = FIRST_WORDS, characters: int = FIRST_CHARACTERS) -> str:
    """The first `words` words of `text` on one line, cut at a word and at most `characters`
    long, with an ellipsis when something was left out.

    Line breaks and runs of spaces become one space; a single word longer than the limit (a web
    address) is cut inside it rather than overflow the list.

    >>> first_words("Borgeren har ikke fået svar på sin ansøgning om hjælpemidler", words=5)
    'Borgeren har ikke fået svar…'
    >>> first_words("Kort  sag\\nmed linjeskift")
    'Kort sag med linjeskift'
    >>> first_words("Mange ord der til sammen bliver for lange", characters=20)
    'Mange ord der til…'
    >>> first_words("https://example.com/en/meget/lang/adresse", characters=20)
    'https://example.com…'
    >>> first_words("")
    ''
    """
    all_words = text.split()
    kept = " ".join(all_words[:words])
    cut = len(all_words) > words
    if len(kept) > characters:
        shortened = kept[:characters].rsplit(" ", 1)[0] if " " in kept[:characters] else ""
        kept = shortened or kept[: characters - 1]
        cut = True
    return kept.rstrip(".,;:–- ") + ELLIPSIS if cut else kept
