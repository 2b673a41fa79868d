"""Reads about forwardings and the consents they rest on."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Value, When
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.core.prefetch import may_have
from borgerraadgiver.forwarding.consents import consents_covering
from borgerraadgiver.forwarding.models import (
    Consent,
    ConsentRefusal,
    Forwarding,
    ForwardingQuerySet,
    WithdrawnAnswer,
)
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department


@dataclass(frozen=True)
class InquiryForwardings:
    """An inquiry's consents (its own and those of the inquiries registered with it, which
    cover it too), the citizen's refusals, and its forwardings, newest first."""

    consents: list[Consent]
    refusals: list[ConsentRefusal]
    forwardings: list[Forwarding]

    @property
    def consent_in_force(self) -> Consent | None:
        return next((consent for consent in self.consents if consent.is_in_force), None)


def inquiry_forwardings(*, user: User, inquiry: Inquiry) -> InquiryForwardings:
    """The consents and forwardings of one inquiry the user may see: three queries, and two more
    (the later dates asked for, the follow-up questions) for the timeline when it has any.

    A list the inquiry was read without (its flag from `inquiry_get(also_ask=…)`) is not asked
    for: most inquiries have no consent, decline or forwarding. Consents are asked for whenever
    the inquiry was registered with others, as one of theirs covers it too (rule 1).
    """
    together = inquiry.registration_group is not None
    return InquiryForwardings(
        consents=list(
            consents_covering(inquiry, among=Consent.objects.visible_to(user)).select_related(
                "inquiry"
            )
        )
        if together or may_have(inquiry, "consents")
        else [],
        refusals=list(ConsentRefusal.objects.visible_to(user).filter(inquiry=inquiry))
        if may_have(inquiry, "consent_refusals")
        else [],
        forwardings=list(
            Forwarding.objects.visible_to(user)
            .filter(inquiry=inquiry)
            .select_related("area", "department")
            .prefetch_related("extensions", "follow_up_questions")
            .order_by("-id")
        )
        if may_have(inquiry, "forwardings")
        else [],
    )


def inquiry_forwardings_in_full(*, user: User, inquiry: Inquiry) -> list[Forwarding]:
    """The forwardings of one inquiry the user may see, oldest first, with their texts, the
    department's answers, later dates, follow-up questions and files: the print view's; four
    queries."""
    return list(
        Forwarding.objects.visible_to(user)
        .filter(inquiry=inquiry)
        .select_related("area", "department", "answered_by")
        .prefetch_related("extensions", "follow_up_questions", "attachments")
        .order_by("id")
    )


def nearest_deadline() -> Subquery:
    """For a list of inquiries: the effective deadline of the inquiry's forwarding that awaits an
    answer, the nearest if several do; empty when none does. One subquery in the list's own
    query, not a query per row."""
    return Subquery(
        Forwarding.objects.filter(inquiry=OuterRef("pk"), status=Forwarding.Status.SENT)
        .order_by("deadline_date")
        .values("deadline_date")[:1]
    )


# What a department's manager sees in the portal's list: what was sent to the department.
PORTAL_STATUSES = (
    Forwarding.Status.SENT,
    Forwarding.Status.ANSWERED,
    Forwarding.Status.CLOSED,
)


def portal_forwardings(*, user: User, status: str = "") -> ForwardingQuerySet:
    """The forwardings sent to the departments (and department-less areas) the user manages:
    those awaiting an answer first, the soonest deadline first; then the answered, then the
    closed, each the newest first. Only those of `status` when one is given.

    Never a draft or a stopped one, also for a manager who is an advisor too (who sees every
    forwarding in the advisor's pages): the portal is what the department was sent."""
    forwardings = (
        Forwarding.objects.visible_to(user)
        .sent_to_managed_by(user)
        .filter(status__in=PORTAL_STATUSES)
    )
    if status:
        forwardings = forwardings.filter(status=status)
    awaiting = Q(status=Forwarding.Status.SENT)
    return forwardings.select_related("inquiry", "area", "department").order_by(
        Case(
            When(awaiting, then=Value(0)),
            When(status=Forwarding.Status.ANSWERED, then=Value(1)),
            default=Value(2),
        ),
        Case(When(awaiting, then=F("deadline_date"))).asc(nulls_last=True),
        F("deadline_date").desc(),
        "-id",
    )


@dataclass(frozen=True)
class Awaiting:
    """How many of a manager's forwardings await an answer, and how many of those are late."""

    count: int
    overdue: int


def portal_awaiting(*, user: User, today: datetime.date) -> Awaiting:
    """One query: of the list's forwardings (`portal_forwardings`), those awaiting an answer, and
    those past their deadline."""
    counts = portal_forwardings(user=user, status=Forwarding.Status.SENT).aggregate(
        count=Count("pk"), overdue=Count("pk", filter=Q(deadline_date__lt=today))
    )
    return Awaiting(count=counts["count"], overdue=counts["overdue"])


def forwarding_get(*, user: User, pk: int) -> Forwarding:
    """One forwarding with all its pages show; Forwarding.DoesNotExist if the user may not see it.

    The advisor's page, the department's portal and the API all read a forwarding through this,
    and then check their own role (`can_forward`, `manages`) on what it returns.
    """
    return (
        Forwarding.objects.visible_to(user)
        .select_related("inquiry__person", "area", "department", "answered_by", "created_by")
        .prefetch_related(
            "extensions",
            "follow_up_questions",
            "attachments",
            Prefetch(
                "withdrawn_answers",
                queryset=WithdrawnAnswer.objects.select_related(
                    "answered_by", "withdrawn_by"
                ).prefetch_related("attachments"),
            ),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Recipients:
    """Whose management a forwarding can go to today: the departments with an active manager,
    and the areas without departments whose own management has one."""

    departments: list[Department]
    areas: list[Area]

    def choices(self) -> list[tuple[str, Any]]:
        """For one <select>, grouped by area ('Læring' → 'Skole'); department-less areas alone."""
        grouped: dict[int, list[tuple[str, str]]] = {}
        names: dict[int, str] = {}
        for department in self.departments:
            grouped.setdefault(department.area_id, []).append((str(department.pk), department.name))
            names[department.area_id] = department.area.name
        choices: list[tuple[str, Any]] = [(names[pk], grouped[pk]) for pk in grouped]
        choices += [(f"area-{area.pk}", area.name) for area in self.areas]
        return choices

    def parse(self, value: str) -> tuple[Department | None, Area | None]:
        """The department or area a choice stands for; ValidationError for anything else."""
        if value.startswith("area-"):
            area = next((a for a in self.areas if f"area-{a.pk}" == value), None)
            if area is not None:
                return None, area
        else:
            department = next((d for d in self.departments if str(d.pk) == value), None)
            if department is not None:
                return department, None
        raise ValidationError({"department": _("Choose whose management it goes to.")})


def recipients_with_managers(*, today: datetime.date) -> Recipients:
    """Two queries: the departments and the department-less areas that have an active manager."""
    departments = list(
        Department.objects.filter(managers__is_active=True)
        .distinct()
        .select_related("area")
        .order_by("area__sort_order", "sort_order", "name")
    )
    with_departments = Department.objects.valid_on(today).values("area_id")
    areas = list(
        Area.objects.valid_on(today)
        .filter(managers__is_active=True)
        .exclude(pk__in=with_departments)
        .distinct()
        .order_by("sort_order", "name")
    )
    return Recipients(departments=departments, areas=areas)
