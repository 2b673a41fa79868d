"""Forwarding to departments: the case sent, its deadline and answer (and, in
`consent_models.py`, the citizen's consent or decline).

Nothing is forwarded without the citizen's recorded consent. The department's management
answers within the office's answer time (three weeks by default), counted on the Danish
calendar (`deadlines.py`); an extension sets a new date and records that the citizen and the
advisor were told.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.core.attachments import Attachment
from borgerraadgiver.core.models import TimeStampedModel

# The consent models live beside these; importing them here registers them with the app.
from borgerraadgiver.forwarding.consent_models import (
    CitizenChoiceQuerySet,
    Consent,
    ConsentMethod,
    ConsentRefusal,
)
from borgerraadgiver.inquiries.cpr import cpr_format, cpr_mask
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Area, Department

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from borgerraadgiver.accounts.models import User


class ForwardingQuerySet(models.QuerySet["Forwarding"]):
    def visible_to(self, user: "User | AnonymousUser") -> "ForwardingQuerySet":
        """An advisor sees every forwarding; a manager those sent to their own departments."""
        if is_active_advisor(user):
            return self
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.sent_to_managed_by(user).filter(
            status__in=[
                Forwarding.Status.SENT,
                Forwarding.Status.ANSWERED,
                Forwarding.Status.CLOSED,
            ],
        )

    def sent_to_managed_by(self, user: "User") -> "ForwardingQuerySet":
        """Those sent to a department the user manages, or to an area's own management."""
        return self.filter(
            Q(department__in=user.managed_departments.all())
            | Q(department__isnull=True, area__in=user.managed_areas.all())
        )


class Forwarding(TimeStampedModel):
    """A dialogue case or forwarded complaint sent to a department's management."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue case")
        FORWARDED = "forwarded", _("Forwarded complaint")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Awaiting answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Stopped")

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered")
        APOLOGY = "apology", _("Apology given")
        UPHELD = "upheld", _("Criticism upheld")
        PARTLY_UPHELD = "partly_upheld", _("Criticism partly upheld")
        NOT_UPHELD = "not_upheld", _("Criticism not upheld")

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.PROTECT, related_name="forwardings"
    )
    # Management level: a department's management, or the area's where it has no departments
    # (the municipal director's area); `department` is then empty.
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="forwardings",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwardings",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(
        _("text to the department"),
        help_text=_(
            "All the department sees of the inquiry. Include only what of the citizen's story "
            "and personal data the department needs to answer."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_date = models.DateField(_("sent"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    deadline_date = models.DateField(_("answer by"), null=True, blank=True)
    original_deadline_date = models.DateField(_("first deadline"), null=True, blank=True)
    answered_date = models.DateField(_("answered"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_text = models.TextField(_("answer to the citizen"), blank=True)
    answer_read_at = models.DateTimeField(_("answer read by the advisor"), null=True, blank=True)
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    stopped_reason = models.CharField(_("why it was stopped"), max_length=300, blank=True)
    # Who the citizen is, as shared with the department at sending (a copy, like `text`): the
    # department sees what it was sent, even if the person is later corrected. Empty when the
    # advisor did not share it; retention empties it with the rest of the forwarding's text.
    shared_name = models.CharField(_("citizen's name shared"), max_length=200, blank=True)
    shared_cpr = models.CharField(_("CPR number shared"), max_length=10, blank=True)

    objects = ForwardingQuerySet.as_manager()

    class Meta:
        verbose_name = _("forwarding")
        verbose_name_plural = _("forwardings")
        ordering = ["-sent_date", "-id"]
        indexes = [
            models.Index(fields=["status", "deadline_date"], name="forwarding_due_idx"),
            models.Index(fields=["department", "status"], name="forwarding_department_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(status="cancelled")
                | Q(sent_date__isnull=False, deadline_date__isnull=False),
                name="forwarding_sent_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_date__isnull=False) & ~Q(outcome=""),
                name="forwarding_closed_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inquiry.case_number} → {self.recipient}"

    @property
    def identity_shared(self) -> bool:
        return bool(self.shared_name or self.shared_cpr)

    @property
    def shared_cpr_masked(self) -> str:
        """As the advisor's pages show it, like every CPR number there."""
        return cpr_mask(self.shared_cpr)

    @property
    def shared_cpr_full(self) -> str:
        """As the department's portal shows it, so it can find its own case (logged there)."""
        return cpr_format(self.shared_cpr)

    @property
    def current_attachments(self) -> list["AnswerAttachment"]:
        """The files of the answer in force (those of a withdrawn answer stay with it)."""
        return [a for a in self.attachments.all() if a.withdrawn_answer_id is None]

    @property
    def recipient(self) -> "Department | Area":
        """Whose management it goes to: the department, or the area without departments."""
        return self.department if self.department is not None else self.area

    @property
    def place(self) -> str:
        """'Læring · Skole', or 'Kommunaldirektørens område' for an area's own management."""
        if self.department is None:
            return self.area.name
        return f"{self.area.name} · {self.department.name}"

    def managers(self) -> "models.QuerySet[User]":
        """The active managers who receive it: the department's, or the area's own."""
        if self.department is not None:
            return self.department.managers.filter(is_active=True)
        return self.area.managers.filter(is_active=True)


class Extension(models.Model):
    """A new answer date the department asked for, having told the citizen and the advisor."""

    forwarding = models.ForeignKey(
        Forwarding,
        verbose_name=_("forwarding"),
        on_delete=models.CASCADE,
        related_name="extensions",
    )
    previous_deadline_date = models.DateField(_("previous deadline"))
    new_deadline_date = models.DateField(_("new deadline"))
    reason = models.TextField(_("reason"))
    citizen_informed = models.BooleanField(_("the citizen has been told"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"))

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_deadline_date__gt=models.F("previous_deadline_date")),
                name="extension_moves_the_deadline_later",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forwarding_id}: {self.previous_deadline_date} → {self.new_deadline_date}"


class FollowUpQuestion(models.Model):
    """A follow-up question (uddybende spørgsmål) on an answer, with its own deadline."""

    forwarding = models.ForeignKey(
        Forwarding,
        verbose_name=_("forwarding"),
        on_delete=models.CASCADE,
        related_name="follow_up_questions",
    )
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asked_date = models.DateField(_("asked"))
    asked_at = models.DateTimeField(_("asked at"))
    deadline_date = models.DateField(_("answer by"))
    answer_text = models.TextField(_("answer"), blank=True)
    answered_date = models.DateField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The one record the report counts: the question is the counted action "follow-up question".
    counted_as = models.OneToOneField(
        "inquiries.InquiryAction",
        verbose_name=_("counted as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_up_question",
    )

    class Meta:
        verbose_name = _("follow-up question")
        verbose_name_plural = _("follow-up questions")
        ordering = ["asked_at", "id"]

    def __str__(self) -> str:
        return f"{self.forwarding_id}: {self.asked_date}"


class WithdrawnAnswer(models.Model):
    """An answer the department withdrew (within a day of sending it), kept as it was sent.

    The advisor sees it marked withdrawn, with who withdrew it and when; the answer in force is
    the one on the forwarding."""

    forwarding = models.ForeignKey(
        Forwarding,
        verbose_name=_("forwarding"),
        on_delete=models.CASCADE,
        related_name="withdrawn_answers",
    )
    answer_text = models.TextField(_("answer to the citizen"))
    answered_date = models.DateField(_("answered"))
    answered_at = models.DateTimeField(_("answered at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"))
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("why it was withdrawn"))

    class Meta:
        verbose_name = _("withdrawn answer")
        verbose_name_plural = _("withdrawn answers")
        ordering = ["answered_at", "id"]

    def __str__(self) -> str:
        return f"{self.forwarding_id}: {self.answered_date} (withdrawn)"


class ReminderSent(models.Model):
    """One reminder e-mail sent for one deadline. Unique, so a reminder never goes out twice."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        MISSED = "missed", _("Deadline missed")

    forwarding = models.ForeignKey(
        Forwarding,
        verbose_name=_("forwarding"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    deadline_date = models.DateField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["forwarding", "kind", "deadline_date"], name="reminder_once_per_deadline"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forwarding_id} {self.kind} {self.deadline_date}"


class AnswerAttachment(Attachment):
    """A file the department attached to its answer to the citizen."""

    forwarding = models.ForeignKey(
        Forwarding,
        verbose_name=_("forwarding"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    # Set when the answer the file came with was withdrawn: the file stays with that answer.
    withdrawn_answer = models.ForeignKey(
        WithdrawnAnswer,
        verbose_name=_("withdrawn answer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    def storage_folder(self) -> str:
        return f"answers/{self.forwarding_id}"


__all__ = [
    "AnswerAttachment",
    "CitizenChoiceQuerySet",
    "Consent",
    "ConsentMethod",
    "ConsentRefusal",
    "Extension",
    "FollowUpQuestion",
    "Forwarding",
    "ForwardingQuerySet",
    "ReminderSent",
    "WithdrawnAnswer",
]
