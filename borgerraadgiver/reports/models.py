"""Frozen (published) reports: the figures as they were sent to the council.

A correction of a registration after publication changes the live statistics but never a
published report. A period is published at most once at a time; to publish it again, the
advisor first withdraws the earlier publication (which is kept, with who withdrew it and why).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublishedReportQuerySet(models.QuerySet["PublishedReport"]):
    def in_force(self) -> "PublishedReportQuerySet":
        return self.filter(withdrawn_at__isnull=True)


class PublishedReport(models.Model):
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    data = models.JSONField(_("figures"), help_text=_("The report's JSON as it was published."))
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_note = models.CharField(_("why it was withdrawn"), max_length=300, blank=True)

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")
        ordering = ["-period_start", "-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end"],
                condition=Q(withdrawn_at__isnull=True),
                name="published_report_one_in_force_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="published_report_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_at is None
