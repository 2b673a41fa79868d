"""Activities: the advisor's work that is not an inquiry (registration rule 6).

Presentations (oplæg), sparring with staff and meetings with management are registered to show how
the advisor's time is spent. They are counted in the report apart from the inquiries.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.core.models import TimeStampedModel
from borgerraadgiver.organisation.models import ActivityKind, Department

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borgerraadgiver.accounts.models import User


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: "User | AnonymousUser") -> "ActivityQuerySet":
        """The advisor sees every activity; nobody else sees any (the report shows counts)."""
        if is_active_advisor(user):
            return self
        return self.none()

    def in_year(self, year: int) -> "ActivityQuerySet":
        return self.filter(activity_date__year=year)


class Activity(TimeStampedModel):
    activity_date = models.DateField(_("date"))
    kind = models.ForeignKey(
        ActivityKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="activities"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
    )
    audience = models.CharField(
        _("audience"),
        max_length=200,
        blank=True,
        help_text=_("Who took part, when it was not one department: e.g. 'the management group'."),
    )
    note = models.TextField(_("note"), blank=True)
    minutes = models.PositiveIntegerField(_("minutes spent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-activity_date", "-id"]
        indexes = [models.Index(fields=["activity_date"], name="activity_date_idx")]

    def __str__(self) -> str:
        return f"{self.activity_date:%Y-%m-%d} {self.kind}"
