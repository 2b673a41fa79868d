"""The learning loop's figures for a period: referred by, minutes, the survey's results.

Added to the statistics after `assemble` (`report_statistics`): five queries (six when someone
answered the survey: the office's small-number threshold), whatever the number of inquiries.
"""

from django.db.models import Count, Q, Sum

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.feedback.figures import FeedbackFigures, feedback_figures
from borgerraadgiver.inquiries.models import Contact, InquiryAction
from borgerraadgiver.organisation.models import HandlingType, ReferralSource
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.organisation.small_numbers import office_rule
from borgerraadgiver.reports.figures import NamedCount
from borgerraadgiver.reports.learning_figures import MinutesFigures
from borgerraadgiver.reports.statistics.fetch import Scope


def _inquiries(period: ReportPeriod, scope: Scope) -> dict[str, object]:
    return {
        "received_date__gte": period.start,
        "received_date__lte": period.end,
        **scope.inquiry_filter(),
    }


def referred_by(period: ReportPeriod, scope: Scope) -> tuple[NamedCount, ...]:
    """The period's inquiries per referral source: every source in use (also with 0) and a
    retired one that has inquiries, in the administrator's order. One query."""
    in_period = Q(
        **{f"inquiries__{key}": value for key, value in _inquiries(period, scope).items()}
    )
    sources = ReferralSource.objects.annotate(n=Count("inquiries", filter=in_period)).order_by(
        "sort_order", "name", "pk"
    )
    return tuple(
        NamedCount(source.name, source.n) for source in sources if source.is_active or source.n
    )


def minutes(period: ReportPeriod, scope: Scope) -> MinutesFigures | None:
    """The time registered in the period; None when none is (the report then says nothing)."""
    inquiry_filter = {f"inquiry__{key}": value for key, value in _inquiries(period, scope).items()}
    per: dict[tuple[int, int, str, str], int] = {}  # (area order, id, name, handling kind)
    for model in (Contact, InquiryAction):
        rows = (
            model.objects.filter(**inquiry_filter, minutes__isnull=False)
            .values_list(
                "inquiry__area__sort_order",
                "inquiry__area_id",
                "inquiry__area__name",
                "inquiry__handling_type__kind",
            )
            .annotate(total=Sum("minutes"))
            .order_by()
        )
        for order, area_id, name, kind, total in rows:
            key = (order, area_id, name, kind)
            per[key] = per.get(key, 0) + total
    activities = Activity.objects.filter(
        activity_date__gte=period.start, activity_date__lte=period.end
    )
    if scope.department is not None:
        activities = activities.filter(department_id=scope.department.pk)
    elif scope.area is not None:
        activities = activities.filter(department__area_id=scope.area.pk)
    activity_minutes = activities.aggregate(total=Sum("minutes"))["total"] or 0
    total = sum(per.values()) + activity_minutes
    if not total:
        return None
    by_area: dict[tuple[int, str, int], int] = {}
    by_kind: dict[str, int] = {}
    for (order, area_id, name, kind), value in per.items():
        by_area[(order, name, area_id)] = by_area.get((order, name, area_id), 0) + value
        by_kind[kind] = by_kind.get(kind, 0) + value
    return MinutesFigures(
        total=total,
        by_area=tuple(
            NamedCount(name, by_area[(order, name, pk)]) for order, name, pk in sorted(by_area)
        ),
        by_handling_kind=tuple(
            NamedCount(kind, by_kind[kind]) for kind in HandlingType.Kind.values if kind in by_kind
        ),
        activities=activity_minutes,
    )


def feedback(period: ReportPeriod, scope: Scope) -> FeedbackFigures | None:
    """The survey's results under the office's small-number rule; none for a department (the
    answers do not keep the department: it could point at the citizen)."""
    if scope.department is not None:
        return None
    return feedback_figures(
        start=period.start,
        end=period.end,
        area_id=scope.area.pk if scope.area is not None else None,
        rule=office_rule,  # asked only when someone answered: one query less
    )
