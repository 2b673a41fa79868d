"""Letters to the citizen: the office's templates with their history, and each letter made.

A template is plain text with named fields (`fields.py`); every saved version is kept, as the
report's texts are. A letter is the text as the advisor sent it, rendered once to a tagged PDF
and kept on the inquiry with who made it, when, by which channel and to whom; its sending is
a task with retries (`tasks.py`), and its status says how far it got. A letter is personal
data: the data-subject export lists it, and retention deletes it with the inquiry's other
personal data (`privacy`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.models import TimeStampedModel


class LetterKind(models.TextChoices):
    """What a letter is for; the app proposes each kind at its moment (`proposals.py`)."""

    RECEIPT = "receipt", _("Receipt")
    FORWARDING_NOTICE = "forwarding_notice", _("Forwarding notice")
    REFERRAL = "referral", _("Referral to another body")
    LATER_DEADLINE = "later_deadline", _("Later deadline notice")
    CLOSING = "closing", _("Closing letter")
    FREE = "free", _("Free letter")


class LetterChannel(models.TextChoices):
    DIGITAL_POST = "digital_post", _("Digital Post")
    EMAIL = "email", _("E-mail")
    PRINT = "print", _("Printed for post")


class LetterTemplate(TimeStampedModel):
    """A letter the office writes again and again; its subject and body may name fields."""

    kind = models.CharField(_("kind"), max_length=30, choices=LetterKind.choices)
    name = models.CharField(_("name"), max_length=200, help_text=_("How the advisor finds it."))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="letter_template_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class LetterTemplateVersion(models.Model):
    """A template as it was saved: its change history."""

    template = models.ForeignKey(
        LetterTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        verbose_name = _("letter template version")
        verbose_name_plural = _("letter template versions")
        ordering = ["-saved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.template_id} {self.saved_at:%Y-%m-%d %H:%M}"


class LetterQuerySet(models.QuerySet["Letter"]):
    def failed(self) -> "LetterQuerySet":
        return self.filter(status=Letter.Status.FAILED)

    def sent_between(self, start: object, end: object) -> "LetterQuerySet":
        """Letters that reached their channel on a day from `start` to `end` (the office's
        local dates, both included)."""
        return self.filter(status=Letter.Status.SENT, sent_date__gte=start, sent_date__lte=end)


class Letter(models.Model):
    """One letter to the citizen, as sent: text, PDF, channel, recipient, status."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Sending failed")

    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="letters",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=LetterKind.choices)
    template = models.ForeignKey(
        LetterTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    # What the letter is about, so that the app proposes it once per forwarding or later date.
    forwarding = models.ForeignKey(
        "forwarding.Forwarding",
        verbose_name=_("forwarding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    extension = models.ForeignKey(
        "forwarding.Extension",
        verbose_name=_("later date"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    channel = models.CharField(_("sent by"), max_length=20, choices=LetterChannel.choices)
    # To whom, as it was when the letter was made: the name, and the address it went to.
    recipient_name = models.CharField(_("to"), max_length=200)
    recipient_address = models.CharField(_("address"), max_length=300, blank=True)
    pdf = models.BinaryField(_("PDF"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    sent_date = models.DateField(_("sent on"), null=True, blank=True)
    # The channel's own reference: Digital Post's transaction id, the e-mail's message id.
    delivery_reference = models.CharField(_("delivery reference"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"))

    objects = LetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "sent_date"], name="letter_status_sent_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False, sent_date__isnull=False),
                name="letter_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.subject}"

    @property
    def file_name(self) -> str:
        """The PDF's name: the case number and the kind, no personal data."""
        number = "".join(c if c.isalnum() or c in "-." else "-" for c in self.inquiry.case_number)
        return f"{number}-{self.kind}-{self.pk}.pdf"
