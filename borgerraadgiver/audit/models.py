"""The access log: every read, search and change of personal data, by whom and when.

Rows hold ids, not foreign keys, so that the log outlives what it speaks of and can never be
cascaded away with it. The application never changes a row: `save()` refuses an update, the
QuerySet refuses `update()` and `delete()`, and the database refuses an UPDATE (a trigger,
migration 0002) except the user column being emptied when a user is deleted. Old rows are deleted
only by `services.access_log_clean`, which records that it ran.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an access-log row outside the clean-up."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AccessLogIsAppendOnly("The access log cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is cleaned up only by access_log_clean.")

    def purge(self) -> int:
        """Delete these rows. For `services.access_log_clean` only."""
        deleted, _by_model = models.QuerySet.delete(self)
        return deleted

    def for_person(self, *, person_id: int, inquiry_ids: list[int]) -> "AccessLogQuerySet":
        """Every use of one person's data: rows naming the person or one of their inquiries."""
        return self.filter(models.Q(person_id=person_id) | models.Q(inquiry_id__in=inquiry_ids))


class AccessLogEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        SEARCH = "search", _("Searched")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        DELETE = "delete", _("Deleted")
        CLEAN_UP = "clean_up", _("Log cleaned up")

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

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)
        indexes = [models.Index(fields=["user", "-at"], name="accesslog_user_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AccessLogIsAppendOnly("The access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AccessLogIsAppendOnly("The access log is cleaned up only by access_log_clean.")
