"""The municipality as data: areas, departments, reasons, handling types, counted actions.

Nothing here is a constant in code: each municipality maintains its own lists, and they change
over time. Departments carry validity dates so that a renamed or merged department keeps its
history and an old year still reports under the name it had then.
"""

import datetime
import functools

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.models import TimeStampedModel
from borgerraadgiver.organisation.kept import kept_derived, kept_rows
from borgerraadgiver.organisation.validators import validate_case_number_pattern


class Office(TimeStampedModel):
    """The office's own settings. There is one row; `load()` creates it on first use."""

    name = models.CharField(_("office name"), max_length=200, default="Borgerrådgiveren")
    municipality = models.CharField(_("municipality"), max_length=200, blank=True)
    case_number_pattern = models.CharField(
        _("case number pattern"),
        max_length=100,
        default="BR-{year}-{seq:04d}",
        validators=[validate_case_number_pattern],
        help_text=_(
            "The format of case numbers in the municipality's journal. {year} is the year "
            "received (2024), {yy} its last two digits, {seq} the running number within the "
            "year, e.g. {seq:04d} for 0001. Example for a KLE-based journal: "
            "00.01.10-P20-{seq}-{yy}."
        ),
    )

    answer_weeks = models.PositiveSmallIntegerField(
        _("weeks to answer a forwarding"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
        help_text=_(
            "The department answers a forwarded case within this many weeks; a deadline on a "
            "weekend, public holiday or closing day moves to the next working day."
        ),
    )
    open_alert_days = models.PositiveSmallIntegerField(
        _("flag inquiries open longer than (days)"),
        default=60,
        validators=[MinValueValidator(1)],
        help_text=_("The front page lists open inquiries received longer ago than this."),
    )
    reminder_working_days = models.PositiveSmallIntegerField(
        _("remind working days before the deadline"),
        default=2,
        validators=[MaxValueValidator(15)],
    )
    report_period_start_month = models.PositiveSmallIntegerField(
        _("the report year starts in month"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("1 for a calendar year (January–December); 4 for a year from April to March."),
    )
    retention_years = models.PositiveSmallIntegerField(
        _("keep personal data after closing (years)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_(
            "After this many years from closing, the personal data of an inquiry is removed; "
            "its statistical registration stays so that earlier reports still add up."
        ),
    )
    access_log_retention_months = models.PositiveSmallIntegerField(
        _("keep the access log (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        _("hide counts below"),
        default=3,
        db_default=3,  # rows written by older code (or a migration's old model state) get it
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_(
            "Statistics shown to anyone who is not an advisor hide a count of at least 1 and "
            "below this number, so that a small group of citizens cannot be recognised. "
            "1 hides nothing."
        ),
    )
    published_report_hides_small_numbers = models.BooleanField(
        _("hide small counts in the published report"),
        default=True,
        db_default=True,
        help_text=_(
            "On: the published report (HTML, Word, PDF) shows a count below the threshold as "
            '"under 3", as report readers see the statistics. Off: it prints every count '
            "exactly. The method appendix says which."
        ),
    )

    letterhead = models.TextField(
        _("letterhead address"),
        blank=True,
        db_default="",
        help_text=_(
            "Printed under the office's name at the top of every letter to a citizen: postal "
            "address, phone, e-mail and opening hours, one per line."
        ),
    )

    class Meta:
        verbose_name = _("office settings")
        verbose_name_plural = _("office settings")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> "Office":
        office, _created = cls.objects.get_or_create(pk=1)
        return office

    @classmethod
    def shown(cls) -> "Office":
        """The office as this process keeps it (`organisation.kept`), for the pages to show:
        never change or save it (`load()` for that)."""
        rows = kept_rows("office", _office_query())
        return rows[0] if rows else cls.load()


@functools.cache
def _office_query() -> "models.QuerySet[Office]":
    """Built once a process: building it cost every page a tenth of a millisecond, ten times
    finding the kept row (`kept_rows` reads a clone)."""
    return Office.objects.filter(pk=1)


class ValidityQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "ValidityQuerySet":
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class ValidityPeriod(models.Model):
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def clean(self) -> None:
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date is before the start date.")})


class Area(ValidityPeriod, TimeStampedModel):
    """A top level of the municipality (direktørområde), or one of the two special areas."""

    class Kind(models.TextChoices):
        ADMINISTRATION = "administration", _("Part of the administration")
        GENERAL = "general", _("The advisor function / the municipality in general")
        OUTSIDE_COMPETENCE = "outside_competence", _("Outside competence")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, default=Kind.ADMINISTRATION
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "valid_from"], name="area_unique_name_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="area_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Department(ValidityPeriod, TimeStampedModel):
    """A department (afdeling) under an area. Renamed or merged: end this one, point to the new."""

    area = models.ForeignKey(
        Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="departments"
    )
    name = models.CharField(_("name"), max_length=200)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("continued as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("The department that took over when this one was renamed or merged."),
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = ValidityQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["area__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name", "valid_from"], name="department_unique_name_from"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="department_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActiveQuerySet(models.QuerySet):
    def active(self) -> "ActiveQuerySet":
        return self.filter(is_active=True)


class ListEntry(TimeStampedModel):
    """An entry in a list the administrator maintains. Retired entries stay for old years."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Retired entries are kept for earlier years.")
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    objects = ActiveQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Reason(ListEntry):
    """Why the citizen came (årsag): 'manglende svar', 'manglende inddragelse', …"""

    class Meta(ListEntry.Meta):
        verbose_name = _("reason")
        verbose_name_plural = _("reasons")


class HandlingType(ListEntry):
    """How the advisor handled an inquiry (behandlingsform). Every inquiry has one main handling."""

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice only")
        DIALOGUE = "dialogue", _("Dialogue case")
        FORWARDED = "forwarded", _("Forwarded complaint")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta(ListEntry.Meta):
        verbose_name = _("handling type")
        verbose_name_plural = _("handling types")


class Action(ListEntry):
    """A counted action beside the main handling: a meeting attended, help with a complaint."""

    class Kind(models.TextChoices):
        OTHER = "other", _("Other counted action")
        FOLLOW_UP_QUESTION = "follow_up_question", _("Follow-up question to a department's answer")

    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.OTHER,
        help_text=_(
            "A follow-up question asked on a forwarding is counted as the one action in use of "
            "the kind 'follow-up question', so it is counted once however it was registered."
        ),
    )

    class Meta(ListEntry.Meta):
        verbose_name = _("counted action")
        verbose_name_plural = _("counted actions")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="follow_up_question", is_active=True),
                name="action_one_follow_up_question_in_use",
            ),
        ]

    @classmethod
    def follow_up_question(cls) -> "Action | None":
        """The action a follow-up question on a department's answer is counted as, if in use."""
        return cls.objects.filter(is_active=True, kind=cls.Kind.FOLLOW_UP_QUESTION).first()


class ActivityKind(ListEntry):
    """Work that is not an inquiry: a presentation (oplæg), sparring with staff, a meeting."""

    class Meta(ListEntry.Meta):
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")


class ReferralBody(ListEntry):
    """Where an inquiry outside the advisor's competence was referred: Ankestyrelsen, …

    The name in a referral letter and the postal address are the body's own, as the citizen
    writes to it; the list's `name` may be a short form.
    """

    letter_name = models.CharField(
        _("name in letters"),
        max_length=200,
        blank=True,
        help_text=_("The body's full name as a referral letter gives it; empty: the name above."),
    )
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Where the citizen writes to the body, one line per line of the address."),
    )

    class Meta(ListEntry.Meta):
        verbose_name = _("referral body")
        verbose_name_plural = _("referral bodies")

    @property
    def name_in_letters(self) -> str:
        return self.letter_name or self.name


class ReferralSource(ListEntry):
    """Who sent the citizen to the office (henvist af): a department, the web site, another
    authority, own knowledge, …"""

    class Meta(ListEntry.Meta):
        verbose_name = _("referral source")
        verbose_name_plural = _("referral sources")


class ClosingDayQuerySet(models.QuerySet["ClosingDay"]):
    def as_set(self) -> frozenset[datetime.date]:
        return frozenset(self.values_list("day", flat=True))


class ClosingDayManager(models.Manager.from_queryset(ClosingDayQuerySet)):  # type: ignore[misc]
    def as_set(self) -> frozenset[datetime.date]:
        """All the days, which every deadline and every page of the forwarding overview asks for,
        kept per process until the table changes (`organisation.kept`); a queryset's own
        (`filter(…).as_set()`) reads the database."""
        days = self.get_queryset().values_list("day", flat=True)
        return kept_derived("organisation.closing_days", days, frozenset)


class ClosingDay(TimeStampedModel):
    """A day the municipality's offices are closed beyond the public holidays.

    Grundlovsdag (5 June) and 24 and 31 December are common; the public holidays themselves come
    from the Danish calendar and need no row here.
    """

    day = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    objects = ClosingDayManager()

    class Meta:
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name}"
