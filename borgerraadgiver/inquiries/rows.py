"""The inquiry list's rows as plain values: what a row shows, read in one query.

The list page shows 50 rows of ten columns. Read as model instances (the inquiry, its area,
department, handling, person and reasons: about 400 objects a page, each date converted) they
cost the page a fifth of its time; `inquiry_row_page` reads only the columns shown, as
tuples, with the ids of the reasons chosen (`core.prefetch.related_ids`). The names of the
areas, departments, handling types and reasons are the process's kept lists
(organisation.kept): PostgreSQL planned the rows' six-table join in 1.5 ms, three times what it
took to run.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page

from borgerraadgiver.accounts.models import User
from borgerraadgiver.core.prefetch import ids_of, related_ids
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_page_of_ids
from borgerraadgiver.organisation.kept import kept_names
from borgerraadgiver.organisation.models import Area, Department, HandlingType, Reason

_COLUMNS = (
    "pk",
    "case_number",
    "summary",
    "received_date",
    "person_id",
    "person__name",
    "complainant_kind",
    "area_id",
    "department_id",
    "handling_type_id",
    "status",
)


@dataclass(frozen=True, slots=True)
class InquiryRow:
    pk: int
    case_number: str
    summary: str
    received_date: datetime.date
    person_id: int | None
    person_name: str | None
    complainant_kind: str
    area_name: str
    department_name: str | None
    handling_name: str
    status: str
    reasons: tuple[str, ...]
    # What an app above the register adds to each row (`annotations`), by name.
    extra: Mapping[str, Any]

    @property
    def place(self) -> str:
        """As `Inquiry.place`: 'Læring · Skole', or the area alone."""
        if self.department_name is None:
            return self.area_name
        return f"{self.area_name} · {self.department_name}"

    @property
    def status_display(self) -> str:
        return str(Inquiry.Status(self.status).label)

    @property
    def complainant_kind_display(self) -> str:
        return str(ComplainantKind(self.complainant_kind).label)


def inquiry_row_page(
    *,
    user: User,
    filters: InquiryFilters,
    number: str | int | None,
    size: int,
    annotations: Mapping[str, Any] | None = None,
) -> Page:
    """One page of the list (`inquiry_page`'s rows and paging) as `InquiryRow`s."""
    page = inquiry_page_of_ids(user=user, filters=filters, number=number, size=size)
    wanted = list(page.object_list)
    extra_names = tuple(annotations or {})
    values = list(
        Inquiry.objects.filter(pk__in=wanted)
        .annotate(reason_ids=related_ids(Inquiry, "reasons"), **(annotations or {}))
        .values_list(*_COLUMNS, "reason_ids", *extra_names)
    )
    # The names of the areas, departments, handling types and reasons, kept by the process: the
    # rows' query joins only the person (organisation.kept).
    areas = kept_names(Area, (value[7] for value in values))
    departments = kept_names(Department, (value[8] for value in values if value[8]))
    handlings = kept_names(HandlingType, (value[9] for value in values))
    reasons = _reasons({value[0]: ids_of(value[11]) for value in values})
    rows = {}
    for (
        pk,
        case_number,
        summary,
        received_date,
        person_id,
        person_name,
        complainant_kind,
        area_id,
        department_id,
        handling_type_id,
        status,
        _reason_ids,
        *extra,
    ) in values:
        rows[pk] = InquiryRow(
            pk=pk,
            case_number=case_number,
            summary=summary,
            received_date=received_date,
            person_id=person_id,
            person_name=person_name,
            complainant_kind=complainant_kind,
            area_name=areas.get(area_id, ""),
            department_name=departments.get(department_id, "") if department_id else None,
            handling_name=handlings.get(handling_type_id, ""),
            status=status,
            reasons=reasons.get(pk, ()),
            extra=dict(zip(extra_names, extra, strict=True)),
        )
    return Page([rows[pk] for pk in wanted if pk in rows], page.number, page.paginator)


def _reasons(chosen: Mapping[int, list[int]]) -> dict[int, tuple[str, ...]]:
    """Each inquiry's reasons' names (from their ids, `related_ids` in the rows' own query), in
    the database's order of the names, as the inquiry's page and the download show them; the
    names kept, no query."""
    names = kept_names(Reason, (reason_id for ids in chosen.values() for reason_id in ids))
    place = {reason_id: number for number, reason_id in enumerate(names)}
    last = len(place)
    return {
        inquiry_id: tuple(
            names.get(reason_id, "") for reason_id in sorted(ids, key=lambda i: place.get(i, last))
        )
        for inquiry_id, ids in chosen.items()
        if ids
    }
