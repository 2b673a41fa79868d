"""Reads of the recommendations register. Every list starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Department
from borgerraadgiver.recommendations.models import Recommendation
from borgerraadgiver.recommendations.permissions import can_manage_recommendations


def _with_addressees(rows: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return rows.prefetch_related(
        "areas", Prefetch("departments", queryset=Department.objects.select_related("area"))
    )


def recommendation_list(*, user: User) -> QuerySet[Recommendation]:
    """The recommendations the user may see, newest report period first, with their addressees
    (three queries)."""
    return _with_addressees(Recommendation.objects.visible_to(user)).order_by(
        "-period_start_date", "-sent_date", "-id"
    )


def recommendation_get(*, user: User, pk: int) -> Recommendation:
    """One recommendation the user may see, with its addressees, reasons and history; raises
    Recommendation.DoesNotExist otherwise."""
    return (
        _with_addressees(Recommendation.objects.visible_to(user))
        .prefetch_related("reasons", "events")
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Evidence:
    """An inquiry a recommendation rests on, as the advisor's page lists it."""

    pk: int
    case_number: str
    received_date: datetime.date
    place: str


def recommendation_evidence(
    *, user: User, recommendation: Recommendation, now: datetime.datetime
) -> list[Evidence]:
    """The inquiries the recommendation rests on, for an advisor only; the showing is logged as
    a view of a list (one row per inquiry, detail `recommendation <id>`)."""
    if not can_manage_recommendations(user):
        raise PermissionDenied
    inquiries = list(
        Inquiry.objects.visible_to(user)
        .filter(recommendations=recommendation)
        .select_related("area", "department")
        .order_by("received_date", "id")
    )
    if inquiries:
        access_log_write_many(
            user=user,
            event=AccessEvent.INQUIRY_LIST_VIEWED,
            now=now,
            inquiries=[(i.pk, i.person_id) for i in inquiries],
            detail=f"recommendation {recommendation.pk}",
        )
    return [
        Evidence(
            pk=i.pk,
            case_number=i.case_number,
            received_date=i.received_date,
            place=f"{i.area.name} · {i.department.name}" if i.department else i.area.name,
        )
        for i in inquiries
    ]


def inquiries_by_case_number(*, user: User, case_numbers: list[str]) -> list[Inquiry]:
    """The inquiries with these case numbers that the user may see; raises KeyError naming the
    first one not found."""
    found = {
        i.case_number: i
        for i in Inquiry.objects.visible_to(user).filter(case_number__in=case_numbers)
    }
    for number in case_numbers:
        if number not in found:
            raise KeyError(number)
    return [found[number] for number in dict.fromkeys(case_numbers)]
