"""The search of the register: what a typed term can be, and the people it finds.

One term is tried as everything a caseworker might type: a CPR number (with or without the
dash), a phone number however it is spaced or prefixed (+45, 0045, spaces, dashes), a name in
any word order ("Hansen Jens" finds "Jens Hansen"), an e-mail, or a case number or word of a
summary. The same on PostgreSQL and SQLite; on PostgreSQL anything but a CPR or phone number
(or a name with a word of one or two letters) is looked for in each inquiry's search text
(`search_text`), which holds all of these at once.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Replace

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.inquiries import search_text, text_index
from borgerraadgiver.inquiries.cpr import cpr_mask, cpr_normalise
from borgerraadgiver.inquiries.models import Inquiry, Person

# Six digits, an optional dash (or space), four digits: written as people write a CPR number.
CPR_SHAPE = re.compile(r"^\d{6}[- ]?\d{4}$")
# Only what people write in a phone number.
PHONE_SHAPE = re.compile(r"^[\d\s+\-.()/]+$")
PHONE_MIN_DIGITS = 6
PHONE_SEPARATORS = (" ", "-", ".", "(", ")", "+")
# What a trigram index can look up: three letters or digits in a row.
THREE_IN_A_ROW = re.compile(r"[^\W_]{3}")


@dataclass(frozen=True)
class SearchTerm:
    text: str  # as typed, trimmed
    words: tuple[str, ...]  # the name's words, when more than one was typed
    cpr: str  # ten digits when the term is a CPR number, else ''
    phone: str  # the digits of a phone number without a Danish prefix, else ''


def cpr_in(text: str) -> str:
    """The ten digits when `text` is written as a CPR number with a real birth date, else ''.

    >>> cpr_in("010190-1234"), cpr_in("0101901234"), cpr_in("320190-1234"), cpr_in("12345678")
    ('0101901234', '0101901234', '', '')
    """
    if not CPR_SHAPE.match(text):
        return ""
    try:
        # Any birth date will do: a search needs no clock, only the rules of `inquiries.cpr`.
        return cpr_normalise(text.replace(" ", ""), today=datetime.date.max)
    except ValidationError:
        return ""


def phone_digits(text: str) -> str:
    """The digits of a phone number, without a Danish country code; '' if it is not one.

    >>> phone_digits("+45 12 34 56 78"), phone_digits("0045-12345678"), phone_digits("12 34")
    ('12345678', '12345678', '')
    """
    if not PHONE_SHAPE.match(text):
        return ""
    digits = re.sub(r"\D", "", text)
    if digits.startswith("00"):
        digits = digits[2:]
    if len(digits) == 10 and digits.startswith("45"):
        digits = digits[2:]
    return digits if len(digits) >= PHONE_MIN_DIGITS else ""


def search_term(text: str) -> SearchTerm:
    """What the typed term can be; a NUL character, which no stored text holds, is dropped."""
    text = " ".join(text.replace("\x00", "").split())
    cpr = cpr_in(text)
    phone = "" if cpr else phone_digits(text)
    # A name's words only when there are letters: "12 34 56 78" is a phone number, not 4 words.
    words = tuple(text.split(" ")) if " " in text and not (cpr or phone) else ()
    return SearchTerm(text=text, words=words, cpr=cpr, phone=phone)


def phone_digits_expression() -> Replace:
    """The stored phone number without the spaces, dashes, dots and brackets people write."""
    expression: Replace | F = F("phone")
    for character in PHONE_SEPARATORS:
        expression = Replace(expression, Value(character), Value(""))
    return expression  # type: ignore[return-value]


def persons_matching(people: QuerySet[Person], term: SearchTerm) -> QuerySet[Person]:
    """The people the term finds: by CPR number exactly; else by the phone number's digits, by
    the name in any word order, by the e-mail, or by the term anywhere in the name."""
    if term.cpr:
        return people.filter(cpr=term.cpr)
    indexed = _people_indexed(term)
    if indexed is not None:
        condition = Q(pk__in=indexed)
    elif term.words:
        # Every word somewhere in the name: the whole term in the name is one case of it, and
        # no e-mail address holds a space.
        condition = Q()
        for word in term.words:
            condition &= Q(name__ucontains=word)
    else:
        condition = Q(name__ucontains=term.text) | Q(email__ucontains=term.text)
    if term.phone:
        # Only digits and what people write between them: no name or e-mail holds it. The
        # number's last two digits stand together however it is written (in pairs, in fours,
        # unbroken): a plain LIKE on them leaves few rows for the costly digits expression.
        return (
            people.filter(phone__contains=term.phone[-2:])
            .alias(phone_digits=phone_digits_expression())
            .filter(phone_digits__contains=term.phone)
        )
    in_phone = _in_phone(term)
    if in_phone is not None:
        condition |= in_phone
    return people.filter(condition)


def _people_indexed(term: SearchTerm) -> RawSQL | None:
    """The people whose name holds every word typed, or whose name or e-mail holds the term, as
    SQLite's full-text index finds them (None where it cannot: PostgreSQL, a short word)."""
    if term.words:
        return text_index.matching("inquiries_person", list(term.words), column="name")
    return text_index.matching("inquiries_person", [term.text])


def _in_phone(term: SearchTerm) -> Q | None:
    """A term with digits is also looked for in the phone number, as typed (its own index on
    PostgreSQL); one without digits is not."""
    if not any(character.isdigit() for character in term.text):
        return None
    return Q(phone__contains=term.text)


def _in_own_columns(term: SearchTerm) -> Q:
    """The whole term in the inquiry's case number or summary."""
    return Q(case_number__ucontains=term.text) | Q(summary__ucontains=term.text)


def _united(first: QuerySet[Inquiry], second: QuerySet[Inquiry]) -> Q:
    """The inquiries of either query: each runs alone by its own index, and the ids are united
    (an OR across two tables would keep PostgreSQL from the indexes and make SQLite join every
    row)."""
    return Q(pk__among=first.order_by().values("pk").union(second.order_by().values("pk")))


def inquiries_matching(text: str) -> Q:
    """Inquiries whose case number or summary contains the term, or whose person the term finds
    (`persons_matching`: CPR, phone, name in any word order, e-mail)."""
    term = search_term(text)
    if not search_text.available() or term.cpr or term.phone or not _indexed(term):
        return search_each_table(term)
    # PostgreSQL: each inquiry's own search text holds its case number, summary and person's
    # name and e-mail (migration 0014): one index, no union. A term with digits is also looked
    # for in the phone numbers, by their own index, as `persons_matching` does.
    found = _in_search_text(term)
    in_phone = _in_phone(term)
    if in_phone is None:
        return found
    by_phone = Person.objects.filter(in_phone).values("pk")
    return _united(Inquiry.objects.filter(found), Inquiry.objects.filter(person_id__among=by_phone))


def _indexed(term: SearchTerm) -> bool:
    """Whether the search text's trigram index can find every word: a word needs three letters
    or digits in a row ("Bo Hansen" would read every Hansen and join each to its person, where
    the search of each table looks for the whole phrase and each word of the name by index)."""
    return all(THREE_IN_A_ROW.search(word) for word in term.words or (term.text,))


def _in_search_text(term: SearchTerm) -> Q:
    """One word: anywhere in the search text (it cannot span two fields, holding no space).
    Several: each word in the text finds the rows by its index, and then the person's name
    must hold each word, or the case number or summary the whole phrase, as
    `search_each_table` asks."""
    if not term.words:
        return search_text.containing(term.text)
    in_text, in_name = Q(), Q()
    for word in term.words:
        in_text &= search_text.containing(word)
        in_name &= Q(person__name__ucontains=word)
    return in_text & (in_name | _in_own_columns(term))


def search_each_table(term: SearchTerm) -> Q:
    """`inquiries_matching` by looking in each table alone and uniting the ids (SQLite, and on
    PostgreSQL a CPR or phone number, or a name with a word too short for the search text's
    index)."""
    indexed = text_index.matching("inquiries_inquiry", [term.text])
    people_indexed = _people_indexed(term)
    if indexed is not None and people_indexed is not None and _in_phone(term) is None:
        # SQLite, a term without digits (so no CPR or phone number): both sides straight from
        # their full-text indexes' row ids, which SQLite unites by its OR of indexes, without
        # looking up each person and inquiry found first (a common surname's 2,400 inquiries:
        # 8.7 → 6.5 ms; bench/README.md, fourteenth pass).
        return Q(pk__in=indexed) | Q(person_id__in=people_indexed)
    people = persons_matching(Person.objects.all(), term).values("pk")
    # `among`: the people first, then their inquiries by the person index, whatever the
    # planner's costs. As `IN`, a common surname's 1,600 people are hashed and the whole
    # register read beside them once random_page_cost is PostgreSQL's default 4 rather than the
    # app's 1.1 (70-90 against 20-36 ms at 100,000 inquiries; bench/README.md, sixth pass).
    theirs = Inquiry.objects.filter(person_id__among=people)
    if term.cpr or term.phone:
        # A CPR or phone number finds the person; no summary is searched for it.
        return Q(pk__in=theirs.values("pk"))
    if indexed is not None:
        own = Inquiry.objects.filter(pk__in=indexed)
    else:
        own = Inquiry.objects.filter(_in_own_columns(term))
        if search_text.available():
            # The search text's index finds the rows (it holds both columns, in capitals); the
            # columns decide, as a phrase may span two fields in it.
            own = own.filter(search_text.containing(term.text))
    return _united(own, theirs)


def search_logged_as(term: SearchTerm) -> tuple[AccessEvent, str]:
    """How a search is logged: a CPR number as a CPR look-up with the number masked (the log
    never holds a whole CPR number), anything else as a search with the term typed."""
    if term.cpr:
        return AccessEvent.CPR_LOOKED_UP, cpr_mask(term.cpr)
    return AccessEvent.INQUIRIES_SEARCHED, term.text
