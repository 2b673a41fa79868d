"""Reads of activities. Every list starts from what the user may see."""

from dataclasses import dataclass

from django.db.models import Count

from borgerraadgiver.accounts.models import User
from borgerraadgiver.activities.models import Activity, ActivityQuerySet


@dataclass(frozen=True)
class KindCount:
    name: str
    count: int


@dataclass(frozen=True)
class ActivityYears:
    """The years the list offers, newest first, and the one it opens on."""

    years: list[int]
    opening: int


def activity_years(*, user: User, current: int) -> ActivityYears:
    """The years with activities and the current year, newest first; the list opens on the
    latest year with activities (the current one once it has some, or when none has any)."""
    dates = Activity.objects.visible_to(user).order_by("activity_date")
    first = dates.values_list("activity_date", flat=True).first()
    last = dates.values_list("activity_date", flat=True).last()
    newest = max(current, last.year) if last else current
    oldest = min(current, first.year) if first else current
    opening = min(current, last.year) if last else current
    return ActivityYears(list(range(newest, oldest - 1, -1)), opening)


def activity_list(*, user: User, year: int) -> ActivityQuerySet:
    """The year's activities, newest first, with what the list shows."""
    return (
        Activity.objects.visible_to(user)
        .in_year(year)
        .select_related("kind", "department", "department__area")
        .order_by("-activity_date", "-id")
    )


def activity_counts(*, user: User, year: int) -> list[KindCount]:
    """How many activities of each kind in the year, in the kinds' own order."""
    rows = (
        Activity.objects.visible_to(user)
        .in_year(year)
        .values("kind__name", "kind__sort_order")
        .annotate(count=Count("id"))
        .order_by("kind__sort_order", "kind__name")
    )
    return [KindCount(name=row["kind__name"], count=row["count"]) for row in rows]


def activity_get(*, user: User, pk: int) -> Activity:
    """One activity; Activity.DoesNotExist if the user may not see it."""
    return Activity.objects.visible_to(user).select_related("kind", "department").get(pk=pk)
