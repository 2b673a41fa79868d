"""The registration page's look-up of the person typed (rules 2 to 4): the people who match,
with their open inquiries. Every list starts from what the user may see; `person_look_up` is the
page's one call, and so also writes the access-log rows of what it shows.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.db import first_column
from borgerraadgiver.inquiries import text_index
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.search import phone_digits_expression

PERSON_MATCH_LIMIT = 20


@dataclass(frozen=True)
class PersonMatches:
    people: list[tuple[Person, list[Inquiry]]]
    more: bool  # more people matched than are listed

    @property
    def any_open(self) -> bool:
        return any(inquiries for _person, inquiries in self.people)


def _digits(value: str) -> str:
    digits = "".join(character for character in value if character.isdigit())
    # A Danish number typed with its country code still finds one stored without it.
    if len(digits) == 10 and digits.startswith("45"):
        return digits[2:]
    return digits


def _matching_ids(*, user: User, name: str, phone: str, email: str) -> QuerySet[Person, Any] | None:
    """The ids of the people matching any of what was typed, as one query; None when nothing
    typed is long enough to match on."""
    # Each way of matching is asked alone and the ids united, so that each uses its own index
    # (SQLite's FTS5 name index; PostgreSQL's trigram indexes on the name, the e-mail and the
    # phone number's digits, migration 0012): an OR of the three made both databases read every
    # person on every registration (26 ms of PostgreSQL's time at 65,000 people).
    people = Person.objects.visible_to(user)
    found: list[QuerySet[Person]] = []
    if len(name.strip()) >= 3:
        indexed = text_index.matching("inquiries_person", [name.strip()], column="name")
        found.append(
            people.filter(
                Q(pk__in=indexed) if indexed is not None else Q(name__ucontains=name.strip())
            )
        )
    digits = _digits(phone)
    if len(digits) >= 6:
        found.append(
            people.alias(phone_digits=phone_digits_expression()).filter(
                phone_digits__contains=digits
            )
        )
    if "@" in email:
        found.append(people.filter(email__iexact=email.strip()))
    if not found:
        return None
    ids = [matches.order_by().values("pk") for matches in found]
    return ids[0].union(*ids[1:])


def person_open_inquiries(
    *, user: User, name: str = "", phone: str = "", email: str = ""
) -> PersonMatches:
    """People who match what the advisor typed, with their open inquiries (rules 2 to 4).

    Used when a contact is registered, so that the advisor can put a repeat contact on the
    inquiry it belongs to rather than count it again. Names match in any case, Æ, Ø and Å
    included; phone numbers match on their digits, however they were written. People with open
    inquiries come first.
    """
    matching = _matching_ids(user=user, name=name, phone=phone, email=email)
    # Most registrations are of someone new: asked first whether anyone matches at all, as the
    # people's query with their open inquiries costs twice the CPU to build (issue 18). Without
    # a LIMIT: a prepared statement's generic plan for `LIKE $1 LIMIT 1` reads every person
    # (PostgreSQL expects an early match), 34 ms instead of 1 at 67,000 people.
    if matching is None or not first_column(matching):
        return PersonMatches(people=[], more=False)
    people = list(
        Person.objects.visible_to(user)
        .filter(pk__in=matching)
        .annotate(open_count=Count("inquiries", filter=Q(inquiries__status=Inquiry.Status.OPEN)))
        .prefetch_related(
            Prefetch(
                "inquiries",
                queryset=Inquiry.objects.visible_to(user)
                .open()
                .select_related("area", "department")
                .order_by("-received_date"),
                to_attr="open_inquiries",
            )
        )
        .order_by("-open_count", "name", "pk")[: PERSON_MATCH_LIMIT + 1]
    )
    return PersonMatches(
        people=[(person, person.open_inquiries) for person in people[:PERSON_MATCH_LIMIT]],
        more=len(people) > PERSON_MATCH_LIMIT,
    )


@dataclass(frozen=True)
class PersonLookUp:
    """The people who match what the advisor typed on the registration page, and whether the
    page shows them before anything is saved."""

    matches: PersonMatches
    shown: bool


def person_look_up(
    *,
    user: User,
    now: datetime.datetime,
    name: str = "",
    phone: str = "",
    email: str = "",
    asked: bool = False,
    seen: bool = False,
) -> PersonLookUp:
    """The registration page's look-up of the person typed (rules 2 to 4 need the advisor's
    judgement): people who match, with their open inquiries.

    They are shown when the advisor asks (`asked`), or when someone matches and the advisor has
    not yet seen the matches for this registration (`seen`). Each showing is logged as a look-up
    with the terms typed, one row per open inquiry shown, else per person, else one for nobody.
    Advisors only: a look-up by anyone else is refused, not logged as an empty one.
    """
    if not can_handle_inquiries(user):
        raise PermissionDenied
    # A NUL character, which no stored text holds and PostgreSQL refuses, is dropped as typed.
    name, phone, email = (term.replace("\x00", "") for term in (name, phone, email))
    matches = person_open_inquiries(user=user, name=name, phone=phone, email=email)
    shown = asked or (bool(matches.people) and not seen)
    if shown:
        access_log_write_many(
            user=user,
            event=AccessEvent.PERSONS_LOOKED_UP,
            now=now,
            inquiries=[
                (inquiry.pk, person.pk) for person, found in matches.people for inquiry in found
            ]
            or [(None, person.pk) for person, _found in matches.people]
            or [(None, None)],
            detail=" ".join((name, phone, email)).strip(),
        )
    return PersonLookUp(matches=matches, shown=shown)
