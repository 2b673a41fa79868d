"""The recommendations register (opfordringer): what the advisor asks the municipality to change,
to whom, on what evidence, and what became of it.

A recommendation is organisational, not personal: it names departments and areas, never a
person. Its links to inquiries are the evidence, shown to advisors only. Every change of status is
a `RecommendationEvent` with its date, so a later report can tell what happened when.
"""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.core.models import TimeStampedModel
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department, Reason

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borgerraadgiver.accounts.models import User


class Status(models.TextChoices):
    SENT = "sent", _("Sent, awaiting response")
    ANSWERED = "answered", _("Answered, no position taken yet")
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    DECLINED = "declined", _("Declined")
    CARRIED_OUT = "carried_out", _("Carried out")
    NOT_CARRIED_OUT = "not_carried_out", _("Not carried out")


# The administration's positions, as the manager gives them in the portal.
RESPONSE_STATUSES = (Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.DECLINED, Status.ANSWERED)
# The advisor closes a recommendation with one of these.
CLOSED_STATUSES = (Status.CARRIED_OUT, Status.NOT_CARRIED_OUT)


class RecommendationQuerySet(models.QuerySet["Recommendation"]):
    def visible_to(self, user: "User | AnonymousUser") -> "RecommendationQuerySet":
        """An advisor sees every recommendation; a manager those addressed to a department or
        area they manage (an area addressed reaches its departments' managers too)."""
        if is_active_advisor(user):
            return self
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.addressed_to_managed_by(user)

    def addressed_to_managed_by(self, user: "User") -> "RecommendationQuerySet":
        departments = user.managed_departments.all()
        areas = user.managed_areas.all()
        ids = (
            Recommendation.objects.filter(
                Q(departments__in=departments)
                | Q(areas__in=areas)
                | Q(areas__departments__in=departments)
            )
            .values("pk")
            .distinct()
        )
        return self.filter(pk__in=ids)

    def open_on(self, day: datetime.date) -> "RecommendationQuerySet":
        """Not closed (carried out or not) before `day`."""
        return self.filter(Q(closed_date__isnull=True) | Q(closed_date__gte=day))


class Recommendation(TimeStampedModel):
    """An opfordring: its text, to whom, why (inquiries and reasons), the report period it was
    made in, the response deadline, and its status (the latest event's)."""

    text = models.TextField(_("recommendation"))
    period_start_date = models.DateField(_("report period from"))
    period_end_date = models.DateField(_("report period to"))
    sent_date = models.DateField(_("sent"))
    response_deadline_date = models.DateField(_("response by"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SENT
    )
    status_date = models.DateField(_("status since"))
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments"), blank=True, related_name="recommendations"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("areas"), blank=True, related_name="recommendations"
    )
    inquiries = models.ManyToManyField(
        Inquiry, verbose_name=_("inquiries"), blank=True, related_name="recommendations"
    )
    reasons = models.ManyToManyField(
        Reason, verbose_name=_("reasons"), blank=True, related_name="recommendations"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-period_start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end_date__gte=models.F("period_start_date")),
                name="recommendation_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(response_deadline_date__gte=models.F("sent_date")),
                name="recommendation_deadline_after_sent",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[s.value for s in CLOSED_STATUSES], closed_date__isnull=False
                )
                | (~Q(status__in=[s.value for s in CLOSED_STATUSES]) & Q(closed_date__isnull=True)),
                name="recommendation_closed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def awaits_response(self) -> bool:
        return self.status == Status.SENT


class RecommendationEvent(models.Model):
    """One step in a recommendation's history: sent, a response from the administration, the
    advisor's follow-up, closed. `by_name` is the organisation that acted (a department, an area,
    the citizens' advisor), never a person; `created_by` is kept for the record, not shown."""

    class Kind(models.TextChoices):
        SENT = "sent", _("Sent")
        RESPONSE = "response", _("Response from the administration")
        FOLLOW_UP = "follow_up", _("Follow-up by the citizens' advisor")
        CLOSED = "closed", _("Closed")

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    event_date = models.DateField(_("date"))
    at = models.DateTimeField(_("recorded"))
    by_name = models.CharField(_("by"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    planned_action = models.TextField(_("what will be done"), blank=True)
    planned_by_date = models.DateField(_("done by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recommendation event")
        verbose_name_plural = _("recommendation events")
        ordering = ["event_date", "at", "id"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.event_date} {self.status}"


class RecommendationReminder(models.Model):
    """One reminder e-mail about one response deadline. Unique, so it never goes out twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        MISSED = "missed", _("Deadline missed")

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    deadline_date = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("recommendation reminder")
        verbose_name_plural = _("recommendation reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "kind", "deadline_date"],
                name="recommendation_reminder_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.kind} {self.deadline_date}"
