"""The inquiry list's rows as plain values: what a row shows, read in two queries.

The list page shows 50 rows of ten columns. Read as model instances (the inquiry, its area,
department, handling, person and reasons: about 400 objects a page, each date converted) they
cost the page a fifth of its time; `inquiry_row_page` reads only the columns shown, as
tuples, and the reasons' names in one more query.
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page

from borgerraadgiver.accounts.models import User
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.inquiries.selectors import InquiryFilters, inquiry_page_of_ids

_COLUMNS = (
    "pk",
    "case_number",
    "summary",
    "received_date",
    "person_id",
    "person__name",
    "complainant_kind",
    "area__name",
    "department__name",
    "handling_type__name",
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
    values = (
        Inquiry.objects.filter(pk__in=wanted)
        .annotate(**(annotations or {}))
        .values_list(*_COLUMNS, *extra_names)
    )
    reasons: defaultdict[int, list[str]] = defaultdict(list)
    for inquiry_id, name in (
        Inquiry.reasons.through.objects.filter(inquiry_id__in=wanted)
        .order_by("reason__name")
        .values_list("inquiry_id", "reason__name")
    ):
        reasons[inquiry_id].append(name)
    rows = {}
    for (
        pk,
        case_number,
        summary,
        received_date,
        person_id,
        person_name,
        complainant_kind,
        area_name,
        department_name,
        handling_name,
        status,
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
            area_name=area_name,
            department_name=department_name,
            handling_name=handling_name,
            status=status,
            reasons=tuple(reasons[pk]),
            extra=dict(zip(extra_names, extra, strict=True)),
        )
    return Page([rows[pk] for pk in wanted if pk in rows], page.number, page.paginator)
