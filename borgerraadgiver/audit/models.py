"""The access log: every read, search and change of personal data, by whom and when.

Rows hold ids, not foreign keys, so that the log outlives what it speaks of and can never be
cascaded away with it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        SEARCH = "search", _("Searched")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted")

    at = models.DateTimeField(_("time"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    inquiry_id = models.BigIntegerField(_("inquiry"), null=True, db_index=True)
    person_id = models.BigIntegerField(_("person"), null=True, db_index=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action}"
