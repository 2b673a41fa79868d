from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class SubmittedForm(models.Model):
    """A create form's one-time token, once used: posting the same form again (a double click,
    the browser's back button and resend) finds what the first post made instead of making it
    twice (`core.once.submit_once`). Kept a day."""

    token = models.UUIDField(_("form"), primary_key=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent"), db_index=True)
    result_url = models.CharField(_("result"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.token} {self.submitted_at:%Y-%m-%d %H:%M}"
