"""The citizen's say over forwarding, as models: consent given (and withdrawn), or declined.

Imported by `forwarding.models`, so Django registers them in the forwarding app.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.inquiries.models import Inquiry

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borgerraadgiver.accounts.models import User


class ConsentMethod(models.TextChoices):
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By e-mail")
    LETTER = "letter", _("By letter")
    MEETING = "meeting", _("At a meeting")
    WEB_FORM = "web_form", _("In the web form")
    DIGITAL_POST = "digital_post", _("By Digital Post")


class CitizenChoiceQuerySet(models.QuerySet):
    def visible_to(self, user: "User | AnonymousUser") -> "CitizenChoiceQuerySet":
        """Consents and refusals name the citizen: the advisors see them, nobody else."""
        if is_active_advisor(user):
            return self
        return self.none()


class Consent(models.Model):
    """The citizen's consent to the advisor contacting the department about the inquiry."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="consents"
    )
    given_by = models.CharField(
        _("given by"), max_length=200, help_text=_("The citizen, or who gave it on their behalf.")
    )
    given_date = models.DateField(_("given on"))
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))
    withdrawn_date = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_note = models.CharField(_("note on the withdrawal"), max_length=300, blank=True)

    objects = CitizenChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_date__isnull=True)
                | Q(withdrawn_date__gte=models.F("given_date")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_by} {self.given_date}"

    @property
    def is_in_force(self) -> bool:
        return self.withdrawn_date is None


class ConsentRefusal(models.Model):
    """The citizen does not want the case taken to the department (it is respected and counted).

    Many citizens fear that a complaint harms their case; the annual report comes back to this
    choice, so it is recorded like a consent: who, when and how.
    """

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="consent_refusals",
    )
    given_by = models.CharField(
        _("said by"), max_length=200, help_text=_("The citizen, or who spoke on their behalf.")
    )
    refused_date = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=20, choices=ConsentMethod.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    objects = CitizenChoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("declined forwarding")
        verbose_name_plural = _("declined forwardings")
        ordering = ["-refused_date", "-id"]
        indexes = [models.Index(fields=["refused_date"], name="refusal_date_idx")]

    def __str__(self) -> str:
        return f"{self.given_by} {self.refused_date}"
