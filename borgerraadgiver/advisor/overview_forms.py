"""The filters of the forwarding overview: a GET form that works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.forwarding.overview import SORTS, DeadlineWindow, OwedFilters, OwedState
from borgerraadgiver.organisation.drawing import DrawnFilterForm
from borgerraadgiver.organisation.forms import area_filter_field, department_filter_field


class OwedFilterForm(DrawnFilterForm):
    area = area_filter_field("OwedFilterForm.area")
    department = department_filter_field("OwedFilterForm.department")
    state = forms.ChoiceField(
        label=_("Answer"), required=False, choices=[("", _("All")), *OwedState.choices]
    )
    deadline = forms.ChoiceField(
        label=_("Deadline"), required=False, choices=[("", _("All")), *DeadlineWindow.choices]
    )
    sort = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORTS], widget=forms.HiddenInput
    )

    def filters(self) -> OwedFilters:
        """The filters as given; a bad value in one drops that filter only, not the others."""
        data = self.cleaned_data if self.is_valid() else getattr(self, "cleaned_data", {})
        return OwedFilters(
            area_id=data["area"].pk if data.get("area") else None,
            department_id=data["department"].pk if data.get("department") else None,
            state=data.get("state") or "",
            deadline=data.get("deadline") or "",
            sort=data.get("sort") or OwedFilters.sort,
        )
