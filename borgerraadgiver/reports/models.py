"""Frozen (published) reports: the whole document as it was sent to the council.

A publication freezes the figures, the texts, the case examples and the rendered files (HTML,
Word, PDF). A correction of a registration or a text after publication changes the live report,
never a published edition: a text edited afterwards is a draft for a corrected edition, which
is published anew, says what changed, and replaces the earlier edition in force; the earlier
edition's files can still be downloaded byte for byte. A publication can also be withdrawn
(kept, with who withdrew it and why), after which the period may be published afresh.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PublishedReportQuerySet(models.QuerySet["PublishedReport"]):
    def in_force(self) -> "PublishedReportQuerySet":
        return self.filter(withdrawn_at__isnull=True, superseded_at__isnull=True)

    def not_withdrawn(self) -> "PublishedReportQuerySet":
        """Every edition that was not withdrawn: the one in force and those it corrected."""
        return self.filter(withdrawn_at__isnull=True)


class PublishedReport(models.Model):
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    data = models.JSONField(_("figures"), help_text=_("The report's JSON as it was published."))
    content = models.JSONField(
        _("texts and case examples"),
        null=True,
        blank=True,
        help_text=_(
            "The texts and approved case examples as they were published (empty for a report "
            "published before they were frozen too)."
        ),
    )
    changes = models.JSONField(
        _("what changed"),
        default=list,
        blank=True,
        help_text=_("For a corrected edition: what changed since the edition it replaces."),
    )
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    superseded_at = models.DateTimeField(
        _("replaced by a corrected edition"), null=True, blank=True
    )
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
                condition=Q(withdrawn_at__isnull=True, superseded_at__isnull=True),
                name="published_report_one_in_force_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="published_report_period_order",
            ),
            models.CheckConstraint(condition=Q(edition__gte=1), name="published_report_edition"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_at is None and self.superseded_at is None


class PublishedFile(models.Model):
    """One rendered file of a published edition, kept byte for byte."""

    class Format(models.TextChoices):
        HTML = "html", "HTML"
        DOCX = "docx", "Word (DOCX)"
        PDF = "pdf", "PDF"

    report = models.ForeignKey(
        PublishedReport,
        verbose_name=_("published report"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    content = models.BinaryField(_("file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("published file")
        verbose_name_plural = _("published files")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="published_file_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report} {self.format}"

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()
