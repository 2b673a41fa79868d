"""Reads from the register. Every list starts from what the user may see.

`person_look_up` is the registration page's one call for the person typed, and so also writes
the access-log rows of what it shows.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db import connections
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Lower

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.db import first_column
from borgerraadgiver.core.prefetch import exists_flags, prefetch_present
from borgerraadgiver.inquiries import text_index
from borgerraadgiver.inquiries.models import (
    Contact,
    Inquiry,
    InquiryAction,
    InquiryChange,
    InquiryDocument,
    InquiryNote,
    InquiryQuerySet,
    Person,
)
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.register_count import InquiryPaginator
from borgerraadgiver.inquiries.search import (
    inquiries_matching,
    persons_matching,
    phone_digits_expression,
    search_term,
)
from borgerraadgiver.organisation.models import Area, Department, Reason

SORTS = {
    "received": ("received_date", "id"),
    "-received": ("-received_date", "-id"),
    "case": ("case_number",),
    "-case": ("-case_number",),
    "status": ("status", "-received_date", "-id"),
    "-status": ("-status", "-received_date", "-id"),
}
SORTS_BY_PLACE = ("area", "-area")
DEFAULT_SORT = "-received"
SORT_KEYS = (*SORTS, *SORTS_BY_PLACE)


@dataclass(frozen=True)
class InquiryFilters:
    search: str = ""
    year: int | None = None
    area_id: int | None = None
    department_id: int | None = None
    reason_id: int | None = None
    handling_type_id: int | None = None
    status: str = ""
    sort: str = DEFAULT_SORT


def inquiry_years(*, user: User) -> list[int]:
    """The years from the newest inquiry the user may see back to the oldest, newest first.

    Two index look-ups rather than a DISTINCT over every inquiry, which grows with the register:
    PostgreSQL makes each of `MIN` and `MAX` one in a single query, SQLite only a lone one.
    """
    dates = Inquiry.objects.visible_to(user)
    if connections[dates.db].vendor == "postgresql":
        span = dates.aggregate(first=Min("received_date"), last=Max("received_date"))
        first, last = span["first"], span["last"]
    else:
        ordered = dates.order_by("received_date").values_list("received_date", flat=True)
        first, last = ordered.first(), ordered.last()
    if first is None or last is None:
        return []
    return list(range(last.year, first.year - 1, -1))


def inquiry_page(
    *,
    user: User,
    filters: InquiryFilters,
    number: str | int | None,
    size: int,
    annotations: Mapping[str, Any] | None = None,
) -> Page:
    """One page of `inquiry_list`, its rows loaded with all the list shows.

    The paginator walks ids only, and the page's rows are then fetched by id: a deep page does
    not join every row it skips. `annotations` adds what an app above the register shows on
    each row (the nearest answer deadline of its forwardings) to that same query.
    """
    page = inquiry_page_of_ids(user=user, filters=filters, number=number, size=size)
    wanted = list(page.object_list)
    rows = {
        inquiry.pk: inquiry
        for inquiry in Inquiry.objects.filter(pk__in=wanted)
        .annotate(**(annotations or {}))
        .select_related("area", "department", "handling_type", "person")
        .prefetch_related(Prefetch("reasons", queryset=Reason.objects.order_by("name")))
    }
    return Page([rows[pk] for pk in wanted if pk in rows], page.number, page.paginator)


def inquiry_page_of_ids(
    *, user: User, filters: InquiryFilters, number: str | int | None, size: int
) -> Page:
    """One page of `inquiry_list` as ids, and its paginator (for `inquiry_page` and
    `rows.inquiry_row_page`, which each load the rows their way)."""
    ids: Any = inquiry_list(user=user, filters=filters).values_list("pk", flat=True)
    if filters.search.strip():
        # A search scans text: run it once and count what it found, rather than once to count
        # and again for the page.
        ids = first_column(ids)
    return InquiryPaginator(ids, size).get_page(number)


def inquiry_list(*, user: User, filters: InquiryFilters) -> InquiryQuerySet:
    """The inquiries the user may see, filtered, searched and sorted."""
    inquiries = Inquiry.objects.visible_to(user)
    if filters.year:
        inquiries = inquiries.received_in(
            datetime.date(filters.year, 1, 1), datetime.date(filters.year, 12, 31)
        )
    if filters.area_id:
        inquiries = inquiries.filter(area_id=filters.area_id)
    if filters.department_id:
        inquiries = inquiries.filter(department_id=filters.department_id)
    if filters.reason_id:
        inquiries = inquiries.filter(
            pk__in=Inquiry.reasons.through.objects.filter(reason_id=filters.reason_id).values(
                "inquiry_id"
            )
        )
    if filters.handling_type_id:
        inquiries = inquiries.filter(handling_type_id=filters.handling_type_id)
    if filters.status:
        inquiries = inquiries.filter(status=filters.status)
    if filters.search.strip():
        inquiries = inquiries.filter(inquiries_matching(filters.search))
    if filters.sort in SORTS_BY_PLACE:
        order = _order_by_place(descending=filters.sort.startswith("-"))
    else:
        order = list(SORTS.get(filters.sort, SORTS[DEFAULT_SORT]))
    # Ordered only: `inquiry_page` loads what a page shows for its own rows.
    return inquiries.order_by(*order)


PERSON_SEARCH_LIMIT = 10


@dataclass(frozen=True)
class PersonSearch:
    people: list[Person]
    more: bool  # more people matched than are listed


def person_search(*, user: User, text: str) -> PersonSearch:
    """The people a search term finds, by name, for the list page's search box: one query.

    The list page logs them with its own rows (`inquiry_list`'s caller)."""
    if not text.strip():
        return PersonSearch(people=[], more=False)
    found = list(
        # Sorted by an expression, not the name's index: walking that index in order and
        # testing every row is several times slower than testing every row and sorting the few
        # that match.
        persons_matching(Person.objects.visible_to(user), search_term(text)).order_by(
            Lower("name"), "pk"
        )[: PERSON_SEARCH_LIMIT + 1]
    )
    return PersonSearch(people=found[:PERSON_SEARCH_LIMIT], more=len(found) > PERSON_SEARCH_LIMIT)


def _order_by_place(*, descending: bool) -> list[Any]:
    """Order by area and department as the organisation lists them, on the inquiry's own columns.

    Ranking the few areas and departments here spares joining every inquiry to sort.
    """
    areas = Area.objects.order_by("sort_order", "name").values_list("pk", flat=True)
    departments = Department.objects.order_by("sort_order", "name").values_list("pk", flat=True)
    area_rank = Case(
        *(When(area_id=pk, then=Value(rank)) for rank, pk in enumerate(areas)),
        default=Value(0),
        output_field=IntegerField(),
    )
    department_rank = Case(
        *(When(department_id=pk, then=Value(rank)) for rank, pk in enumerate(departments)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    if descending:
        return [area_rank.desc(), department_rank.desc(), "-received_date", "-id"]
    return [area_rank.asc(), department_rank.asc(), "-received_date", "-id"]


def inquiry_get(*, user: User, pk: int, also_ask: Sequence[str] = ()) -> Inquiry:
    """One inquiry with all its page shows; Inquiry.DoesNotExist if the user may not see it.

    `also_ask` names other related lists (the page's panels: forwardings, letters, …) whose
    `EXISTS` the same query answers, for their readers' `core.prefetch.may_have`.

    It joins only what every inquiry has and its page shows. PostgreSQL plans a join of nine
    tables in 3–5 ms, ten times the time it takes to run; with six it is under 1 ms. A referral
    body or source, which few inquiries have, is read by its key when there is one.
    """
    case_lists = _case_lists()
    inquiry = (
        Inquiry.objects.visible_to(user)
        .select_related("area", "department", "handling_type", "person", "advisor")
        .prefetch_related(Prefetch("reasons", queryset=Reason.objects.order_by("name")))
        .annotate(
            **exists_flags(Inquiry, (*(lookup.prefetch_to for lookup in case_lists), *also_ask))
        )
        .get(pk=pk)
    )
    prefetch_present(inquiry, case_lists)
    return inquiry


def _case_lists() -> tuple[Prefetch, ...]:
    """The case file's lists on the inquiry's page, read only where the inquiry has rows (most
    inquiries have no actions, changes, documents or notes); new each time, as a Prefetch holds
    a query. select_related inside each Prefetch: one query per list."""
    return (
        Prefetch("contacts", queryset=Contact.objects.select_related("created_by")),
        Prefetch("actions", queryset=InquiryAction.objects.select_related("action")),
        Prefetch("changes", queryset=InquiryChange.objects.select_related("changed_by")),
        Prefetch(
            "documents",
            queryset=InquiryDocument.objects.select_related("added_by").prefetch_related("files"),
        ),
        Prefetch("notes", queryset=InquiryNote.objects.select_related("written_by")),
    )


def inquiry_linked(*, user: User, inquiry: Inquiry) -> QuerySet[Inquiry]:
    """The other inquiries registered from the same contact (one per department, rule 1)."""
    if inquiry.registration_group is None:
        return Inquiry.objects.none()
    return (
        Inquiry.objects.visible_to(user)
        .filter(registration_group=inquiry.registration_group)
        .exclude(pk=inquiry.pk)
        .select_related("area", "department")
    )


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


def person_open_inquiries(
    *, user: User, name: str = "", phone: str = "", email: str = ""
) -> PersonMatches:
    """People who match what the advisor typed, with their open inquiries (rules 2 to 4).

    Used when a contact is registered, so that the advisor can put a repeat contact on the
    inquiry it belongs to rather than count it again. Names match in any case, Æ, Ø and Å
    included; phone numbers match on their digits, however they were written. People with open
    inquiries come first.
    """
    # Each way of matching is asked alone and the ids united, so that each uses its own index
    # (SQLite's FTS5 name index; PostgreSQL's trigram indexes on the name, the e-mail and the
    # phone number's digits, migration 0012): an OR of the three made both databases read every
    # person on every registration (26 ms of PostgreSQL's time at 65,000 people).
    found: list[QuerySet[Person]] = []
    if len(name.strip()) >= 3:
        indexed = text_index.matching("inquiries_person", [name.strip()], column="name")
        found.append(
            Person.objects.filter(
                Q(pk__in=indexed) if indexed is not None else Q(name__ucontains=name.strip())
            )
        )
    digits = _digits(phone)
    if len(digits) >= 6:
        found.append(
            Person.objects.alias(phone_digits=phone_digits_expression()).filter(
                phone_digits__contains=digits
            )
        )
    if "@" in email:
        found.append(Person.objects.filter(email__iexact=email.strip()))
    if not found:
        return PersonMatches(people=[], more=False)
    ids = [matches.order_by().values("pk") for matches in found]
    matching = ids[0].union(*ids[1:])
    # Most registrations are of someone new: asked first whether anyone matches at all, as the
    # people's query with their open inquiries costs twice the CPU to build (issue 18). Without
    # a LIMIT: a prepared statement's generic plan for `LIKE $1 LIMIT 1` reads every person
    # (PostgreSQL expects an early match), 34 ms instead of 1 at 67,000 people.
    if not first_column(matching):
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
