"""What citizens send through the public web form, before the advisor registers it.

A submission is a draft: it counts in no statistics until the advisor registers it as one or more
inquiries by the registration rules, or rejects it (spam, a duplicate). Its attachments are stored
under neutral names in MEDIA_ROOT and served only through access-checked, logged views
(`core/attachments.py`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.core.attachments import Attachment
from borgerraadgiver.core.models import TimeStampedModel
from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.organisation.models import Area, Department


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def visible_to(self, user: User) -> "SubmissionQuerySet":
        """Where every list of submissions starts: advisors see all, anyone else none."""
        if is_active_advisor(user):
            return self
        return self.none()

    def waiting(self) -> "SubmissionQuerySet":
        return self.filter(status=Submission.Status.NEW)


class Submission(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", _("Waiting to be registered")
        REGISTERED = "registered", _("Registered")
        REJECTED = "rejected", _("Rejected")

    reference = models.CharField(_("reference number"), max_length=30, unique=True)
    submitted_at = models.DateTimeField(_("sent"))
    language = models.CharField(_("language"), max_length=10, default="da")
    complainant_kind = models.CharField(
        _("sent by"), max_length=20, choices=ComplainantKind.choices
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # Where the citizen thinks it belongs: a department, an area without departments, or neither
    # ("I don't know").
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    what_happened = models.TextField(_("what happened"))
    what_they_want = models.TextField(_("what they want"), blank=True)
    consents_to_contact = models.BooleanField(
        _("consents to the advisor contacting the department")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.CharField(_("reason for rejecting"), max_length=300, blank=True)
    inquiries = models.ManyToManyField(
        Inquiry, verbose_name=_("registered as"), blank=True, related_name="submissions"
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("web-form submission")
        verbose_name_plural = _("web-form submissions")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="submission_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(complainant_kind="anonymous")
                | Q(name="", phone="", email="", address=""),
                name="submission_anonymous_has_no_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="submission_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_anonymous(self) -> bool:
        return self.complainant_kind == ComplainantKind.ANONYMOUS

    @property
    def place(self) -> str:
        if self.department_id is not None:
            return f"{self.department.area.name} · {self.department.name}"  # type: ignore[union-attr]
        if self.area_id is not None:
            return self.area.name  # type: ignore[union-attr]
        return ""


class SubmissionAttachment(Attachment):
    """A file the citizen sent with the message (uploaded by nobody: the sender is no user)."""

    submission = models.ForeignKey(
        Submission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    def storage_folder(self) -> str:
        return "submissions"


class SubmissionThrottle(models.Model):
    """How many submissions came from one client address in the current window.

    Holds a keyed hash of the address, never the address, and only while the window lasts.
    In the database (not a per-process cache) so that every server process counts together.
    """

    client_hash = models.CharField(_("client"), max_length=64, primary_key=True)
    window_started_at = models.DateTimeField(_("window started"), db_index=True)
    count = models.PositiveIntegerField(_("submissions"), default=0)

    def __str__(self) -> str:
        return f"{self.client_hash[:8]}… {self.count}"
