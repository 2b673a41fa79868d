"""The recommendation forms: the advisor's (make, follow up, close) and the manager's response."""

import datetime
import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.core.forms import DateInput, ModelMultipleChoiceField
from borgerraadgiver.organisation.models import Area, Department, Reason
from borgerraadgiver.recommendations.models import CLOSED_STATUSES, RESPONSE_STATUSES

CASE_NUMBER_SEPARATORS = re.compile(r"[\s,;]+")


class DepartmentChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.area.name} · {obj.name}"


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=_("Recommendation"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the municipality is asked to do. It names no person."),
    )
    year = forms.IntegerField(label=_("Report year it belongs to"), min_value=2000, max_value=2100)
    response_deadline_date = forms.DateField(label=_("Response by"), widget=DateInput())
    areas = ModelMultipleChoiceField(
        label=_("Addressed to areas"),
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("An area reaches the managers of all its departments."),
    )
    departments = DepartmentChoiceField(
        label=_("Addressed to departments"),
        queryset=Department.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    case_numbers = forms.CharField(
        label=_("Inquiries it rests on"),
        required=False,
        help_text=_("Case numbers, separated by spaces or commas. Only advisors see them."),
    )
    reasons = ModelMultipleChoiceField(
        label=_("Reasons it rests on"),
        queryset=Reason.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.valid_on(today).filter(  # type: ignore[attr-defined]
            kind=Area.Kind.ADMINISTRATION
        )
        self.fields["departments"].queryset = (  # type: ignore[attr-defined]
            Department.objects.valid_on(today).select_related("area")
        )
        self.fields["reasons"].queryset = Reason.objects.active()  # type: ignore[attr-defined]

    def clean_case_numbers(self) -> list[str]:
        raw = self.cleaned_data.get("case_numbers", "")
        return [number for number in CASE_NUMBER_SEPARATORS.split(raw.strip()) if number]


class FollowUpForm(forms.Form):
    prefix = "follow_up"

    text = forms.CharField(
        label=_("Follow-up"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you learned from the administration, or what you did."),
    )


class CloseForm(forms.Form):
    prefix = "close"

    status = forms.ChoiceField(
        label=_("Was it carried out?"),
        choices=[(s.value, s.label) for s in CLOSED_STATUSES],
        widget=forms.RadioSelect,
    )
    closed_date = forms.DateField(label=_("Date"), widget=DateInput())
    reason = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, or why it was not."),
    )


class ResponseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("The administration's position"),
        choices=[(s.value, s.label) for s in RESPONSE_STATUSES],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Response"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The citizens' advisor and the annual report show it."),
    )
    planned_action = forms.CharField(
        label=_("What will be done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    planned_by_date = forms.DateField(label=_("By when"), widget=DateInput(), required=False)
