"""Flags personal data in a case example's text. Pure: text and names in, findings out.

It errs on the side of flagging: a CPR-shaped number that fails the check digits is still
flagged (many real CPR numbers since 2007 fail the old modulus-11 check), and so is any
eight-digit number that could be a phone number. The advisor rewrites the text or dismisses a
finding with a reason; nothing here decides what is published.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr

KIND_LABELS: dict[str, Promise] = {
    "cpr": _("CPR number"),
    "cpr_shaped": _("Number shaped like a CPR number"),
    "phone": _("Phone number"),
    "email": _("E-mail address"),
    "address": _("Street address"),
    "postcode": _("Postcode and town"),
    "name": _("Name of a person on the inquiry"),
}

# Between two digits, the marks people (and word processors) write for a dash or a space: the
# hyphen and its Unicode look-alikes (non-breaking hyphen, en and em dash, minus), a dot, and the
# non-breaking spaces. They become "-" or " " before numbers are looked for, one character for
# one, so that a finding's position is the same in the text as written.
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[.\u2010-\u2015\u2212\u00a0\u202f\u2007](?=\d)")
# "12.03.2024" is a date as Danes write it, not the phone number 12 03 20 24.
_DOTTED_DATE = re.compile(r"(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.(?:19|20)\d{2}")
_SPACES = "\u00a0\u202f\u2007"
_CPR = re.compile(r"(?<![\d+-])(\d{6})[ -]?(\d{4})(?![\d-])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Eight digits, alone or in groups of two or four, optionally after +45 or 0045.
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)45[ -]?)?\d{2}(?:[ -]?\d{2}){3}(?!\d)")
# Suffixes that end no ordinary Danish word followed by a number: may stand alone ("Niels
# Bohrs Vej 3") or be joined ("Østergade 3").
_STREET_SUFFIXES = (
    "vej|vejen|gade|gaden|allé|alléen|pladsen|torvet|strædet|vænget|vænge|stræde|plads|torv|"
    "parken|haven|bakken|højen|toften|gården|"
    "stien|boulevard|engen|marken|dalen|skoven|hegnet|kæret|bjerget|vangen|løkken|kvarteret|"
    "husene|mosen|stranden|kajen|brinken|krogen|leddet|sletten"
)
# Suffixes that are ordinary words too ("alle 3 sager", "at have 2 møder"): only when joined
# ("Kastaniealle 3"), or as a capitalised word after a capitalised word ("Østre Alle 3").
_JOINED_SUFFIXES = "alle|have|huse|park|mark|vang|lund|holm|bakke|toft|mose|kaj|enge|bo|by"
_HOUSE_NUMBER = r"\s+\d{1,4}\s?[A-Za-z]?(?:,\s*\d{1,2}\.?\s*(?:th|tv|mf|sal)?\.?)?(?!\w)"
_ADDRESS = re.compile(
    r"(?<!\w)(?:[A-ZÆØÅ][\w'.-]*\s+){0,3}"
    rf"(?:[\w'.-]*(?i:{_STREET_SUFFIXES})|[\w'.-]+(?i:{_JOINED_SUFFIXES}))\.?" + _HOUSE_NUMBER
)
_ADDRESS_TWO_WORDS = re.compile(
    r"(?<!\w)(?:[A-ZÆØÅ][\w'.-]*\s+){1,3}"
    r"(?:Alle|Have|Huse|Park|Mark|Vang|Lund|Holm|Bakke|Toft|Mose|Kaj|Enge)" + _HOUSE_NUMBER
)
_POSTCODE = re.compile(r"(?<!\d)([1-9]\d{3})\s+([A-ZÆØÅ][a-zæøåé]+(?:\s[A-ZÆØÅ][a-zæøåé]+)?)")
# Parts of a name that are ordinary words too: never flagged on their own.
_NAME_PARTICLES = {"af", "de", "del", "den", "der", "du", "la", "le", "og", "van", "von", "i"}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    value: str

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def key(self) -> tuple[str, str]:
        """What a dismissal is recorded against: the kind and the text, case-insensitive."""
        return (self.kind, normalise(self.value))


@dataclass(frozen=True)
class Segment:
    """A piece of the text, with the finding it is part of (None for plain text)."""

    text: str
    finding: Finding | None = None


def normalise(value: str) -> str:
    return unicodedata.normalize("NFC", " ".join(value.split())).casefold()


def numbers_normalised(text: str) -> str:
    """The text with every dash-like or space-like mark between two digits written as "-" or
    " ", the same length as the text.

    >>> numbers_normalised("010190\u20131234 og 12.34.56.78")
    '010190-1234 og 12-34-56-78'
    """
    return _DIGIT_SEPARATOR.sub(lambda m: " " if m.group() in _SPACES else "-", text)


def _name_pattern(part: str) -> str:
    """A name part as a whole word, case-insensitive, 'aa' and 'å' alike, genitive allowed."""
    escaped = re.escape(part.casefold())
    escaped = re.sub(r"aa|å", "(?:aa|å)", escaped)
    return rf"(?<!\w){escaped}(?:s|'s|')?(?!\w)"


def name_parts(names: Iterable[str]) -> list[str]:
    """The words of each name worth looking for: the full names first, then first and last."""
    parts: list[str] = []
    for name in names:
        words = [w for w in re.findall(r"[^\W\d_][\w'-]*", name) if len(w) >= 2]
        full = " ".join(words)
        if len(words) > 1 and full not in parts:
            parts.append(full)
        for word in words:
            if word.casefold() not in _NAME_PARTICLES and word not in parts:
                parts.append(word)
    return parts


def find_personal_data(text: str, *, names: Iterable[str] = ()) -> list[Finding]:
    """Every piece of the text that looks like personal data, in text order, never overlapping.

    Where two patterns claim the same characters the earlier kind in this order wins: e-mail,
    CPR, phone, address, postcode, name (an e-mail address holds a name; a CPR number holds
    what could be a phone number).
    """
    candidates: list[Finding] = []
    for match in _EMAIL.finditer(text):
        candidates.append(Finding("email", match.start(), match.end(), match.group()))
    numbers = numbers_normalised(text)
    for match in _CPR.finditer(numbers):
        digits = match.group(1) + match.group(2)
        kind = "cpr" if cpr.is_valid(digits) else "cpr_shaped"
        candidates.append(
            Finding(kind, match.start(), match.end(), text[match.start() : match.end()])
        )
    for match in _PHONE.finditer(numbers):
        value = text[match.start() : match.end()]
        if not _DOTTED_DATE.fullmatch(value):
            candidates.append(Finding("phone", match.start(), match.end(), value))
    for match in (*_ADDRESS.finditer(text), *_ADDRESS_TWO_WORDS.finditer(text)):
        value = match.group().rstrip(" ,")
        candidates.append(Finding("address", match.start(), match.start() + len(value), value))
    for match in _POSTCODE.finditer(text):
        candidates.append(Finding("postcode", match.start(), match.end(), match.group()))
    for part in name_parts(names):
        for match in re.finditer(_name_pattern(part), text, re.IGNORECASE):
            candidates.append(Finding("name", match.start(), match.end(), match.group()))

    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for finding in candidates:  # in priority order: the first claim on a character wins
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        taken.append((finding.start, finding.end))
        findings.append(finding)
    return sorted(findings, key=lambda f: f.start)


def open_findings(
    findings: Iterable[Finding], dismissed: Iterable[tuple[str, str]]
) -> list[Finding]:
    """The findings the advisor has not dismissed as false positives."""
    dismissed_keys = set(dismissed)
    return [finding for finding in findings if finding.key not in dismissed_keys]


def segments(text: str, findings: Iterable[Finding]) -> list[Segment]:
    """The text cut into plain pieces and findings, for showing each finding highlighted."""
    result: list[Segment] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start > position:
            result.append(Segment(text[position : finding.start]))
        result.append(Segment(text[finding.start : finding.end], finding))
        position = finding.end
    if position < len(text):
        result.append(Segment(text[position:]))
    return result
