"""The activity form. It checks input; the rules live in the services."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.activities.models import Activity
from borgerraadgiver.core.forms import MinutesField
from borgerraadgiver.organisation.models import ActivityKind, Department


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Department) -> str:
        label = f"{obj.area.name} · {obj.name}"
        if obj.valid_to is not None:
            label += " " + str(_("(until %(date)s)")) % {
                "date": formats.date_format(obj.valid_to, "SHORT_DATE_FORMAT")
            }
        return label


class ActivityForm(forms.Form):
    activity_date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ModelChoiceField(
        queryset=ActivityKind.objects.none(),
        label=_("Kind"),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose the kind of activity.")},
    )
    department = DepartmentChoiceField(
        queryset=Department.objects.none(),
        label=_("Department"),
        required=False,
        empty_label=_("No single department"),
        help_text=_("The department the activity was for, if it was one department."),
    )
    audience = forms.CharField(
        label=_("Audience"),
        required=False,
        max_length=200,
        help_text=_(
            "Who took part, when it was not one department: e.g. the management group, "
            "a citizens' association."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = MinutesField()

    def __init__(self, *args: Any, activity: Activity | None = None, **kwargs: Any) -> None:
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "activity_date": activity.activity_date,
                "kind": activity.kind_id,
                "department": activity.department_id,
                "audience": activity.audience,
                "note": activity.note,
                "minutes": activity.minutes,
            }
        super().__init__(*args, **kwargs)
        # A retired kind or an ended department stays choosable on the activity that has it.
        kind_id = activity.kind_id if activity else None
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ModelChoiceField)
        kind_field.queryset = ActivityKind.objects.filter(Q(is_active=True) | Q(pk=kind_id))
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ModelChoiceField)
        department_field.queryset = Department.objects.select_related("area").order_by(
            "area__sort_order", "area__name", "sort_order", "name"
        )


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, str(year)) for year in years]
