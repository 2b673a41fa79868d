"""Reads from the register. Every list starts from what the user may see.

The registration page's look-up of the person typed is `inquiries.look_up`.
"""

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.db import connections
from django.db.models import (
    Case,
    IntegerField,
    Max,
    Min,
    Prefetch,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Lower

from borgerraadgiver.accounts.models import User
from borgerraadgiver.core.db import first_column
from borgerraadgiver.core.prefetch import (
    exists_flags,
    ids_of,
    list_set,
    prefetch_present,
    related_ids,
)
from borgerraadgiver.inquiries.models import (
    Inquiry,
    InquiryDocument,
    InquiryQuerySet,
    Person,
)
from borgerraadgiver.inquiries.register_count import InquiryPaginator
from borgerraadgiver.inquiries.search import (
    inquiries_matching,
    persons_matching,
    search_term,
)
from borgerraadgiver.organisation.kept import tokens_read_once
from borgerraadgiver.organisation.kept_instances import (
    kept_attach,
    kept_instances,
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
        .select_related("person")
        .annotate(
            reason_ids=related_ids(Inquiry, "reasons"),
            **exists_flags(Inquiry, (*(lookup.prefetch_to for lookup in case_lists), *also_ask)),
        )
        .get(pk=pk)
    )
    prefetch_present(inquiry, case_lists)
    # Its organisation's rows, advisor and reasons, and who wrote what in its lists: instances
    # made from the rows the process keeps (`organisation.kept_instances`); joined and
    # prefetched, they were 15 % of the inquiry page's instructions. The kept rows' tokens are
    # read once outside a request too (a command's, a job's).
    with tokens_read_once():
        kept_attach([inquiry], "area", "department", "handling_type", "advisor")
        for lookup, kept in KEPT_IN_LISTS.items():
            kept_attach(getattr(inquiry, lookup).all(), kept)
        reasons = kept_instances(Reason, ids_of(inquiry.reason_ids))
    list_set(inquiry, "reasons", reasons)
    return inquiry


# Each case-file list's foreign key to a kept row (a user, an action of the office's list).
KEPT_IN_LISTS = {
    "contacts": "created_by",
    "actions": "action",
    "changes": "changed_by",
    "documents": "added_by",
    "notes": "written_by",
}


def _case_lists() -> tuple[Prefetch, ...]:
    """The case file's lists on the inquiry's page, read only where the inquiry has rows (most
    inquiries have no actions, changes, documents or notes); new each time, as a Prefetch holds
    a query. One query per list: the users and actions they name are kept (`KEPT_IN_LISTS`)."""
    return (
        Prefetch("contacts"),
        Prefetch("actions"),
        Prefetch("changes"),
        Prefetch("documents", queryset=InquiryDocument.objects.prefetch_related("files")),
        Prefetch("notes"),
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
