"""The statistics page's filters, and the publish/withdraw confirmations."""

import datetime
from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import DateInput
from borgerraadgiver.organisation.forms import DepartmentChoiceField
from borgerraadgiver.organisation.models import Area, Department, Office
from borgerraadgiver.organisation.small_numbers import EXACT, SmallNumbers
from borgerraadgiver.reports.statistics import (
    ReportPeriod,
    report_period_for_year,
)


def whole_months_only() -> str:
    """The error for a reader's period that is not whole months."""
    return str(
        _(
            "Figures with small counts hidden are given for whole months only, so that a hidden "
            "count cannot be worked out from two periods: choose a report year, or dates from the "
            "first day of a month to the last day of a month."
        )
    )


def department_too_small(rule: SmallNumbers) -> str:
    """The error for a reader's department with too few inquiries to show."""
    return _(
        "This department has fewer than %(threshold)s inquiries in the period, too few to show "
        "without pointing at someone: the figures are for the whole municipality."
    ) % {"threshold": rule.threshold}


def is_whole_months(start: datetime.date, end: datetime.date) -> bool:
    """From the first day of a month to the last day of a month (one month or more)."""
    return start.day == 1 and (end + datetime.timedelta(days=1)).day == 1


@dataclass(frozen=True)
class Selection:
    """What the filters chose: a period, and at most one area or department."""

    period: ReportPeriod
    area: Area | None
    department: Department | None
    live: bool

    @property
    def is_whole_office(self) -> bool:
        return self.area is None and self.department is None


class StatisticsFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Report year"), required=False, coerce=int, empty_value=None
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=DateInput(),
        help_text=_("Another period instead of a report year: give both dates."),
    )
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    area = forms.ModelChoiceField(
        queryset=Area.objects.order_by("sort_order", "name"),
        label=_("Area"),
        required=False,
        empty_label=_("All"),
    )
    department = DepartmentChoiceField(
        queryset=Department.objects.select_related("area").order_by(
            "area__sort_order", "sort_order", "name"
        ),
        label=_("Department"),
        required=False,
        empty_label=_("All"),
    )
    live = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        office: Office,
        years: list[int],
        opening: int,
        rule: SmallNumbers = EXACT,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        self.rule = rule
        self.opening = opening
        choices = [(year, report_period_for_year(year, office=office).label) for year in years]
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", _("The dates below")),
            *choices,
        ]
        # The latest report year with registrations (the current one once it has some).
        self.initial["year"] = opening

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start or end:
            if not (start and end):
                missing = "end" if start else "start"
                self.add_error(missing, _("Give both dates, or choose a report year."))
            elif end < start:
                self.add_error("end", _("The last day is before the first day."))
            elif self.rule.threshold > 1 and not is_whole_months(start, end):
                self.add_error("start", whole_months_only())
        area, department = data.get("area"), data.get("department")
        if area and department and department.area_id != area.pk:
            self.add_error("department", _("This department is not in the chosen area."))
        return data

    def selection(self) -> Selection:
        """The chosen period and place; a filter with an error is left out, the others kept.
        Nothing chosen: the report year the page opens on."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps every field that is valid
            data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and "start" not in self.errors and "end" not in self.errors:
            period = ReportPeriod(start, end)
        elif data.get("year"):
            period = report_period_for_year(data["year"], office=self.office)
        else:
            period = report_period_for_year(self.opening, office=self.office)
        department = data.get("department") if "department" not in self.errors else None
        area = data.get("area")
        if department is not None:
            area = department.area
        return Selection(period, area, department, bool(data.get("live")))


class PublishForm(forms.Form):
    start = forms.DateField(widget=forms.HiddenInput)
    end = forms.DateField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("For example: sent to the municipal council on 14 March."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data

    @property
    def period(self) -> ReportPeriod:
        return ReportPeriod(self.cleaned_data["start"], self.cleaned_data["end"])


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Why is it withdrawn?"),
        max_length=300,
        help_text=_("For example: a registration was corrected after publication."),
    )


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("Note on the correction"),
        max_length=300,
        required=False,
        help_text=_(
            "Printed in the corrected edition beside the list of what changed. For example: "
            "the comments on Læring named the wrong department."
        ),
    )
