"""What was imported, by whom and when; and which inquiries came from an import.

An imported inquiry is a historic statistical row (no person). Knowing which rows came from an
import lets a second import of the same year replace them (`--replace`) and never touch what
was registered in the system.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.inquiries.models import Inquiry


class ImportBatch(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation (areas and departments)")
        REASONS = "reasons", _("Reasons")
        HANDLING = "handling", _("Handling types")
        ACTIONS = "actions", _("Counted actions")
        INQUIRIES = "inquiries", _("Inquiries of earlier years")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported"))
    rows = models.PositiveIntegerField(_("rows"))
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} {self.imported_at:%Y-%m-%d %H:%M}"


class ImportedInquiry(models.Model):
    """Marks an inquiry as created by an import; deleted with the inquiry."""

    inquiry = models.OneToOneField(
        Inquiry, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="inquiries")

    class Meta:
        verbose_name = _("imported inquiry")
        verbose_name_plural = _("imported inquiries")

    def __str__(self) -> str:
        return f"{self.inquiry_id} ← {self.batch_id}"
