"""The annual report's own words: the advisor's texts per report period, and the case examples.

Texts are plain text (paragraphs, and lists of lines starting with "- "); every saved version is
kept. A case example starts as a candidate on an inquiry, is written by the advisor, checked for
personal data, and approved by a second advisor. It keeps its own copy of the text, year, area
name and handling kind, so that it outlives the inquiry it came from (the link is `SET_NULL`).

Both belong to a report period (`period_start`–`period_end`, the office's report year when they
were written: 2024, or 2024/25 for a year from April), never to a bare year: a report for
1 April 2024 – 31 March 2025 prints the texts written for that period, not those of 2024.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.models import TimeStampedModel
from borgerraadgiver.organisation.models import Area, HandlingType
from borgerraadgiver.organisation.periods import ReportPeriod
from borgerraadgiver.report_content.personal_data import KIND_LABELS

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ReportPeriodFields(models.Model):
    """The report period a text or an example belongs to, both days included."""

    period_start = models.DateField(_("report period from"))
    period_end = models.DateField(_("report period to"))

    class Meta:
        abstract = True

    @property
    def period(self) -> ReportPeriod:
        return ReportPeriod(self.period_start, self.period_end)

    @property
    def year(self) -> int:
        """The report year: the year the period starts in (its workspace is /report/<year>/)."""
        return self.period_start.year


class Section(models.TextChoices):
    """The prose parts of the report, in the order of the 2024 report's chapters."""

    INTRODUCTION = "introduction", _("Introduction")
    ABOUT_OFFICE = "about_office", _("How the citizens' advisor works")
    MAIN_THEMES = "main_themes", _("Summary: main themes")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    INQUIRIES = "inquiries", _("Inquiries in the year: comments on the distribution")
    ADVICE = "advice", _("Answered by the advisor: comments")
    INVOLVED = "involved", _("Answered by the administration: comments")
    AREA = "area", _("Comments on an area")
    ADVISOR_FUNCTION = "advisor_function", _("Inquiries about the advisor function")
    CLOSING = "closing", _("Closing words")
    METHOD = "method", _("Method remarks (appendix)")


class ReportTextQuerySet(models.QuerySet["ReportText"]):
    def for_period(self, period: ReportPeriod) -> "ReportTextQuerySet":
        return self.filter(period_start=period.start, period_end=period.end)


class ReportText(ReportPeriodFields, TimeStampedModel):
    """One prose section of one report period; per-area comments carry their area."""

    section = models.CharField(_("section"), max_length=30, choices=Section.choices)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["period_start", "section", "area__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end", "section"],
                condition=Q(area__isnull=True),
                name="report_text_unique_section",
            ),
            models.UniqueConstraint(
                fields=["period_start", "period_end", "section", "area"],
                condition=Q(area__isnull=False),
                name="report_text_unique_area_section",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_text_period_order",
            ),
            models.CheckConstraint(
                condition=Q(section="area", area__isnull=False)
                | (~Q(section="area") & Q(area__isnull=True)),
                name="report_text_area_only_for_area_section",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period.label} {self.section}"


class ReportTextVersion(models.Model):
    """A text as it was saved: the change history of a report text."""

    text = models.ForeignKey(
        ReportText, verbose_name=_("text"), on_delete=models.CASCADE, related_name="versions"
    )
    body = models.TextField(_("text"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    saved_at = models.DateTimeField(_("saved"))

    class Meta:
        verbose_name = _("report text version")
        verbose_name_plural = _("report text versions")
        ordering = ["-saved_at", "-id"]

    def __str__(self) -> str:
        return f"{self.text_id} {self.saved_at:%Y-%m-%d %H:%M}"


class CaseExampleQuerySet(models.QuerySet["CaseExample"]):
    def for_period(self, period: ReportPeriod) -> "CaseExampleQuerySet":
        return self.filter(period_start=period.start, period_end=period.end)

    def for_year(self, year: int) -> "CaseExampleQuerySet":
        """The examples of the report periods that start in `year`."""
        return self.filter(period_start__year=year)

    def approved(self) -> "CaseExampleQuerySet":
        return self.filter(status=CaseExample.Status.APPROVED)

    def in_report_order(self) -> "CaseExampleQuerySet":
        return self.order_by("position", "id")


class CaseExample(ReportPeriodFields, TimeStampedModel):
    """An anonymised story of one inquiry, written for the report and approved by a second user."""

    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Being written")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved")

    inquiry = models.ForeignKey(
        "inquiries.Inquiry",
        verbose_name=_("inquiry"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_examples",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Copied, so that the example reads the same after the area or the inquiry is gone.
    area_name = models.CharField(_("area"), max_length=200, blank=True)
    handling_kind = models.CharField(
        _("handling"),
        max_length=20,
        choices=HandlingType.Kind.choices,
        default=HandlingType.Kind.ADVICE,
        help_text=_("Decides where in the report the example is printed."),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CANDIDATE
    )
    position = models.PositiveIntegerField(_("position in the report"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted for approval"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = CaseExampleQuerySet.as_manager()

    class Meta:
        verbose_name = _("case example")
        verbose_name_plural = _("case examples")
        ordering = ["period_start", "position", "id"]
        indexes = [
            models.Index(
                fields=["period_start", "period_end", "status", "position"],
                name="case_example_period",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="case_example_period_order",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="case_example_approved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"

    @property
    def author_ids(self) -> set[int]:
        """Who wrote or marked it: none of them may approve it."""
        return {pk for pk in (self.created_by_id, self.written_by_id) if pk is not None}


class Dismissal(models.Model):
    """The advisor's judgement that a flagged finding is not personal data, with the reason."""

    example = models.ForeignKey(
        CaseExample,
        verbose_name=_("case example"),
        on_delete=models.CASCADE,
        related_name="dismissals",
    )
    kind = models.CharField(_("kind"), max_length=20)
    value = models.CharField(_("flagged text"), max_length=300)
    reason = models.CharField(_("reason"), max_length=300)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed"))

    class Meta:
        verbose_name = _("dismissed finding")
        verbose_name_plural = _("dismissed findings")
        ordering = ["dismissed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["example", "kind", "value"], name="dismissal_unique_finding"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"

    @property
    def label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))
