"""The register: inquiries (henvendelser), the people behind them, contacts and counted actions.

An inquiry is one person, one subject, one department (the office's registration rules). The
rules are enforced in `services.py`; the database keeps the invariants that do not need a rule.
"""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.accounts.permissions import is_active_advisor
from borgerraadgiver.core.models import TimeStampedModel

# The documents and notes live beside these; importing them here registers them with the app.
from borgerraadgiver.inquiries.case_file_models import (
    InquiryDocument,
    InquiryDocumentFile,
    InquiryNote,
)
from borgerraadgiver.inquiries.cpr import cpr_mask

# Defined beside the person, registered with the app here.
from borgerraadgiver.inquiries.person_models import PersonChange as PersonChange
from borgerraadgiver.inquiries.person_models import PersonMerge as PersonMerge
from borgerraadgiver.organisation.models import (
    Action,
    Area,
    Department,
    HandlingType,
    Reason,
    ReferralBody,
    ReferralSource,
)

if TYPE_CHECKING:
    from borgerraadgiver.accounts.models import User


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("Meeting")
    WEB_FORM = "web_form", _("Web form")
    DIGITAL_POST = "digital_post", _("Digital Post")


class ComplainantKind(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    COMPANY = "company", _("Company")
    REPRESENTATIVE = "representative", _("Relative or representative")
    ANONYMOUS = "anonymous", _("Anonymous")


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, user: "User") -> "PersonQuerySet":
        if is_active_advisor(user):
            return self
        return self.none()


class Person(TimeStampedModel):
    """A citizen, company or representative who contacted the office. Anonymous: no row at all."""

    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    # Ten digits, no dash; validated and normalised by `inquiries.cpr`, shown masked everywhere.
    cpr = models.CharField(_("CPR number"), max_length=10, blank=True)
    # Letters go by e-mail only to a person who gave an address and agreed to it (`letters`).
    letters_by_email = models.BooleanField(
        _("agreed to letters by e-mail"),
        default=False,
        help_text=_("The citizen agreed that the office sends its letters to the e-mail address."),
    )
    # Raised by every correction that changes something (`services.people`), as on an inquiry.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"]),
            # The search's CPR look-up is an exact match on the ten digits.
            models.Index(fields=["cpr"], name="person_cpr_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cpr_masked(self) -> str:
        """The CPR number as every page shows it: the birth date, the last four digits hidden."""
        return cpr_mask(self.cpr)


class InquiryQuerySet(models.QuerySet["Inquiry"]):
    def visible_to(self, user: "User") -> "InquiryQuerySet":
        """Where every list of inquiries starts: an advisor sees all, anyone else none."""
        if is_active_advisor(user):
            return self
        return self.none()

    def received_in(self, start: datetime.date, end: datetime.date) -> "InquiryQuerySet":
        return self.filter(received_date__gte=start, received_date__lte=end)

    def open(self) -> "InquiryQuerySet":
        return self.filter(status=Inquiry.Status.OPEN)


class Inquiry(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    case_number = models.CharField(_("case number"), max_length=60, unique=True)
    received_date = models.DateField(_("received"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    complainant_kind = models.CharField(
        _("complainant"), max_length=20, choices=ComplainantKind.choices
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
        db_index=False,  # inquiry_person_idx, led by the person, serves every look-up by person
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="inquiries"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    reasons = models.ManyToManyField(Reason, verbose_name=_("reasons"), related_name="inquiries")
    handling_type = models.ForeignKey(
        HandlingType,
        verbose_name=_("handling"),
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    referral_body = models.ForeignKey(
        ReferralBody,
        verbose_name=_("referred to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    referred_by = models.ForeignKey(
        ReferralSource,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inquiries",
    )
    summary = models.TextField(_("summary"), blank=True)
    # Set by the forwarding services when the inquiry is sent to the administration: the main
    # handling then follows it (a dialogue case or a forwarded complaint), one fact in every figure.
    forwarded_as = models.CharField(
        _("sent to the administration as"),
        max_length=20,
        choices=[
            (HandlingType.Kind.DIALOGUE, HandlingType.Kind.DIALOGUE.label),
            (HandlingType.Kind.FORWARDED, HandlingType.Kind.FORWARDED.label),
        ],
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_date = models.DateField(_("closed"), null=True, blank=True)
    # "Genoptag den …": from this day an open inquiry is on the advisor's front page again.
    follow_up_date = models.DateField(_("resume on"), null=True, blank=True)
    advisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # One contact about several departments gives one inquiry per department, sharing this key.
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised by every saved change; a save based on an older version is refused."),
    )
    registration_group = models.UUIDField(_("registered together"), null=True, blank=True)
    # Set by retention (`privacy.retention_services`): the statistical skeleton remains.
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-received_date", "-id"]
        indexes = [
            models.Index(fields=["-received_date", "-id"], name="inquiry_received_idx"),
            # The report's counts (reports.statistics) read only these indexes, never the table:
            # one led by the date for a year's range, one led by the area (it also serves the
            # list's area filter; with ANALYZE statistics SQLite skip-scans it for a year).
            models.Index(
                fields=["received_date", "area", "handling_type", "department", "id"],
                name="inquiry_report_idx",
            ),
            models.Index(
                fields=["area", "received_date", "handling_type", "department"],
                name="inquiry_area_report_idx",
            ),
            models.Index(fields=["department", "received_date"], name="inquiry_department_idx"),
            models.Index(fields=["registration_group"], name="inquiry_group_idx"),
            # A person's inquiries with their dates, from the index alone: the SQLite search
            # sorts the inquiries of the people a name finds by date without reading each row
            # (a common surname's 2,381: 5.9 → 2.9 ms; bench/README.md, fifteenth pass).
            models.Index(fields=["person", "received_date"], name="inquiry_person_idx"),
            models.Index(
                fields=["status", "area", "-received_date", "-id"], name="inquiry_status_area_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", closed_date__isnull=True)
                | Q(status="closed", closed_date__isnull=False),
                name="inquiry_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(closed_date__isnull=True)
                | Q(closed_date__gte=models.F("received_date")),
                name="inquiry_closed_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(complainant_kind="anonymous") | Q(person__isnull=True),
                name="inquiry_anonymous_has_no_person",
            ),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def place(self) -> str:
        """Where the inquiry belongs, as a caseworker says it: 'Læring · Skole'."""
        if self.department_id is None:
            return self.area.name
        return f"{self.area.name} · {self.department.name}"  # type: ignore[union-attr]


class Contact(models.Model):
    """One call, mail, letter or meeting on an inquiry. Repeat contacts never add inquiries."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="contacts"
    )
    contact_date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=Channel.choices)
    note = models.TextField(_("note"), blank=True)
    minutes = models.PositiveIntegerField(_("minutes spent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["contact_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.contact_date}"


class InquiryAction(models.Model):
    """A counted action on an inquiry: took part in a meeting, helped with a complaint, …"""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="actions"
    )
    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.PROTECT, related_name="+"
    )
    action_date = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    minutes = models.PositiveIntegerField(_("minutes spent"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("counted action")
        verbose_name_plural = _("counted actions")
        ordering = ["action_date", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.action_date}"


class InquiryChange(models.Model):
    """Who changed what on an inquiry, and when: one row per changed field."""

    inquiry = models.ForeignKey(
        Inquiry, verbose_name=_("inquiry"), on_delete=models.CASCADE, related_name="changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed"))
    field = models.CharField(_("field"), max_length=100)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.inquiry_id} {self.field} {self.changed_at:%Y-%m-%d %H:%M}"

    @property
    def field_label(self) -> str:
        if self.field == "person.cpr":
            return str(_("CPR number"))
        if self.field == "documents":  # a document removed: its title is the value before
            return str(_("document"))
        try:
            field = Inquiry._meta.get_field(self.field)
        except FieldDoesNotExist:  # a field since removed: show its stored name
            return self.field
        return str(getattr(field, "verbose_name", self.field))


class CaseNumberSequence(models.Model):
    """The last running number used per year; locked while a case number is drawn."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


__all__ = [
    "CaseNumberSequence",
    "Channel",
    "ComplainantKind",
    "Contact",
    "Inquiry",
    "InquiryAction",
    "InquiryChange",
    "InquiryDocument",
    "InquiryDocumentFile",
    "InquiryNote",
    "InquiryQuerySet",
    "Person",
    "PersonQuerySet",
]
