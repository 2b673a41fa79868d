"""The citizen's verdict on a closed inquiry: the one-time link, the answer, the wish to be
contacted again.

The answer is stored apart from the person: `SurveyAnswer` has no link to the inquiry, the
invitation or the person, and no time of its own; only the inquiry's handling, area and the month
it was received travel with it. The invitation records that its link was used, not when, so that
the two cannot be matched by time. The one thing linked to the inquiry is the citizen's own
request to be contacted again (`ContactRequest`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, HandlingType


class Verdict(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


# The survey's three questions, in the order the page asks them: (field, question).
QUESTIONS = (
    ("felt_heard", _("Did you feel heard?")),
    ("understood_answer", _("Did you understand the answer you were given?")),
    ("contact_helped", _("Did your contact with the citizens' advisor help you?")),
)


class SurveyInvitation(models.Model):
    """A one-time link to the survey, sent for one closed inquiry. Only a hash of its token is
    stored: the link itself is shown once (or e-mailed) and cannot be read back."""

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    # Whether, never when: a time would match the invitation to its answer.
    used = models.BooleanField(_("answered"), default=False)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="survey_invitation_expires_after_created",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.created_at:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    """One citizen's answers, with nothing that leads back to them."""

    handling_kind = models.CharField(
        _("handling kind"), max_length=20, choices=HandlingType.Kind.choices
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="+"
    )
    # The first day of the month the inquiry was received: the report period it counts in.
    received_month = models.DateField(_("month received"))
    felt_heard = models.CharField(_("felt heard"), max_length=10, choices=Verdict.choices)
    understood_answer = models.CharField(
        _("understood the answer"), max_length=10, choices=Verdict.choices
    )
    contact_helped = models.CharField(
        _("the contact helped"), max_length=10, choices=Verdict.choices
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-received_month", "-id"]
        indexes = [models.Index(fields=["received_month", "area"], name="survey_answer_month_idx")]

    def __str__(self) -> str:
        return f"{self.get_handling_kind_display()} {self.received_month:%Y-%m}"


class ContactRequestQuerySet(models.QuerySet["ContactRequest"]):
    def waiting(self) -> "ContactRequestQuerySet":
        return self.filter(done_at__isnull=True)


class ContactRequest(models.Model):
    """The citizen said the matter is not resolved and asked to be contacted again."""

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    requested_date = models.DateField(_("asked on"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request to be contacted again")
        verbose_name_plural = _("requests to be contacted again")
        ordering = ["requested_date", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.requested_date}"
