"""The deletion log: what retention removed from which inquiry, when and under which rule.

Never the removed data itself. Rows hold ids and the case number (the journal number, not
personal data), so the log can be matched against the archive delivery and the access log.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletionLogEntry(models.Model):
    inquiry_id = models.BigIntegerField(_("inquiry"), db_index=True)
    case_number = models.CharField(_("case number"), max_length=60)
    removed_at = models.DateTimeField(_("removed"), db_index=True)
    closed_date = models.DateField(_("closed"))
    retention_years = models.PositiveSmallIntegerField(_("retention period (years)"))
    due_date = models.DateField(_("due for removal on"))
    rule = models.CharField(_("rule"), max_length=300)
    categories = models.JSONField(_("categories removed"), default=list)
    counts = models.JSONField(_("counts removed"), default=dict)
    person_deleted = models.BooleanField(_("person deleted"), default=False)
    archive_package = models.CharField(_("archive delivery"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("deletion log entry")
        verbose_name_plural = _("deletion log")
        ordering = ["-removed_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.case_number} {self.removed_at:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ValueError("The deletion log cannot be changed.")
        super().save(*args, **kwargs)
